//go:build !linux

package main

import "os"

// maxRSSKiB is not measured off Linux, where rusage units differ; the report shows 0.
func maxRSSKiB(*os.ProcessState) int64 { return 0 }
