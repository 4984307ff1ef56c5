package main

import (
	"os"
	"syscall"
)

// maxRSSKiB is the child's peak resident set, which Linux reports in KiB.
func maxRSSKiB(state *os.ProcessState) int64 {
	if ru, ok := state.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
