package ner

import "slices"

func sortKeys(k []uint64) { slices.Sort(k) }
