//go:build !race

package claim169

const raceEnabled = false
