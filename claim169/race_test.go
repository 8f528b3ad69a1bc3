//go:build race

package claim169

// raceEnabled is true under the race detector, which makes sync.Pool drop
// items at random and slows everything down: allocation bounds are not
// checked and exhaustive sweeps are sampled.
const raceEnabled = true
