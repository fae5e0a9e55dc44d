package explore_test

import "os"

func mkTemp() (string, error) { return os.MkdirTemp("", "explore-test-") }
func rmTemp(dir string)       { os.RemoveAll(dir) }
func exit(code int)           { os.Exit(code) }
