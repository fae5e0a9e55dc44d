package ner

import (
	"cmp"
	"math"
	"slices"
)

// Word clusters: words of the unlabelled text are grouped by the words they
// appear next to (positive pointwise mutual information with the most
// frequent left and right neighbours, randomly projected to a few dimensions,
// then spherical k-means at three granularities). Everything is seeded and
// single-threaded, so the clusters are the same on every run.

const (
	clusterMinCount = 5   // words seen less often get no cluster
	clusterContexts = 600 // most frequent words used as left/right contexts
	clusterDims     = 96  // random projection size
	clusterIters    = 12  // k-means iterations
	noWord          = -1  // sentence boundary in the token stream
)

// Cluster granularities and where their ids go in a lexicon entry (above
// lexClusterShift): 6, 8 and 9 bits; id 0 means none.
var clusterSizes = [3]int{63, 255, 511}

func clusterBits(ids [3]uint32) uint32 { return ids[0] | ids[1]<<6 | ids[2]<<14 }

func clusterIDs(lex uint32) [3]uint32 {
	c := lex >> lexClusterShift
	return [3]uint32{c & 63, c >> 6 & 255, c >> 14 & 511}
}

// clusters computes the cluster ids of every word of the stream (word ids,
// noWord between sentences) whose count is at least clusterMinCount.
func clusters(stream []int32, count []int32, keys []uint64) map[uint64]uint32 {
	V := len(count)
	// Context words: the most frequent, ties broken by key.
	order := make([]int32, V)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return cmp.Compare(keys[a], keys[b])
	})
	ctx := make([]int32, V)
	for i := range ctx {
		ctx[i] = -1
	}
	nctx := min(clusterContexts, V)
	for i := 0; i < nctx; i++ {
		ctx[order[i]] = int32(i)
	}
	// Words to cluster.
	row := make([]int32, V)
	var words []int32
	for _, w := range order {
		if count[w] >= clusterMinCount {
			row[w] = int32(len(words))
			words = append(words, w)
		} else {
			row[w] = -1
		}
	}
	if len(words) == 0 {
		return nil
	}
	// Co-occurrence pairs, (row << 11 | context) with the context offset by
	// nctx on the right.
	var pairs []uint64
	for i, w := range stream {
		if w == noWord || row[w] < 0 {
			continue
		}
		if i > 0 && stream[i-1] != noWord && ctx[stream[i-1]] >= 0 {
			pairs = append(pairs, uint64(row[w])<<11|uint64(ctx[stream[i-1]]))
		}
		if i+1 < len(stream) && stream[i+1] != noWord && ctx[stream[i+1]] >= 0 {
			pairs = append(pairs, uint64(row[w])<<11|uint64(nctx+int(ctx[stream[i+1]])))
		}
	}
	slices.Sort(pairs)
	// Marginals.
	ctxTotal := make([]float64, 2*nctx)
	rowTotal := make([]float64, len(words))
	for _, p := range pairs {
		ctxTotal[p&2047]++
		rowTotal[p>>11]++
	}
	total := float64(len(pairs))
	// Random projection vectors of the contexts (±1, seeded).
	proj := make([]float64, 2*nctx*clusterDims)
	for i := range proj {
		if mix(uint64(i)+0x1234567)&1 == 0 {
			proj[i] = 1
		} else {
			proj[i] = -1
		}
	}
	D := clusterDims
	vec := make([]float64, len(words)*D)
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j] == pairs[i] {
			j++
		}
		r, c := int(pairs[i]>>11), int(pairs[i]&2047)
		pmi := math.Log(float64(j-i) * total / (rowTotal[r] * math.Pow(ctxTotal[c], 0.75) * math.Pow(total, 0.25)))
		if pmi > 0 {
			v := vec[r*D : (r+1)*D]
			p := proj[c*D : (c+1)*D]
			for d := range v {
				v[d] += pmi * p[d]
			}
		}
		i = j
	}
	for r := range words {
		normalize(vec[r*D : (r+1)*D])
	}
	out := make(map[uint64]uint32, len(words))
	for g, K := range clusterSizes {
		assign := kmeans(vec, len(words), min(K, len(words)))
		for r, w := range words {
			out[keys[w]] |= uint32(assign[r]+1) << [3]int{0, 6, 14}[g]
		}
	}
	return out
}

func normalize(v []float64) {
	var s float64
	for _, x := range v {
		s += x * x
	}
	if s > 0 {
		s = 1 / math.Sqrt(s)
		for i := range v {
			v[i] *= s
		}
	}
}

// kmeans clusters n unit vectors (rows of vec) into K groups by cosine,
// starting from the K first rows (the most frequent words).
func kmeans(vec []float64, n, K int) []int {
	D := clusterDims
	cent := make([]float64, K*D)
	copy(cent, vec[:K*D])
	assign := make([]int, n)
	for it := 0; it < clusterIters; it++ {
		for r := 0; r < n; r++ {
			v := vec[r*D : (r+1)*D]
			best, arg := math.Inf(-1), 0
			for k := 0; k < K; k++ {
				c := cent[k*D : (k+1)*D]
				var s float64
				for d := range v {
					s += v[d] * c[d]
				}
				if s > best {
					best, arg = s, k
				}
			}
			assign[r] = arg
		}
		clear(cent)
		for r := 0; r < n; r++ {
			c := cent[assign[r]*D : (assign[r]+1)*D]
			for d, x := range vec[r*D : (r+1)*D] {
				c[d] += x
			}
		}
		for k := 0; k < K; k++ {
			normalize(cent[k*D : (k+1)*D])
		}
	}
	return assign
}
