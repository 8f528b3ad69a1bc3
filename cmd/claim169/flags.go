package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/internal/bounded"
)

// Input bounds: the command never reads more than this from a file or stdin.
const (
	maxTextInput   = 1 << 20  // QR text
	maxRecordInput = 16 << 20 // one JSON record (photos and biometrics included)
	maxKeyInput    = 1 << 20  // a key, certificate or JWKS file
)

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// newFlagSet returns a flag set whose --help prints usage, the flags and an
// example to stdout, and whose errors become usage errors.
func newFlagSet(e *env, name, synopsis, example string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		w := e.stdout
		fmt.Fprintf(w, "Usage: claim169 %s %s\n\nFlags:\n", name, synopsis)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		fmt.Fprintf(w, "\nExample:\n%s\n", example)
	}
	return fs
}

// parseFlags parses args, turning flag errors into usage errors of one
// line (an unknown flag with a suggestion when a defined one is close);
// --help prints the usage once and returns flag.ErrHelp. Positional
// arguments are refused.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

// parseFlagsOnly is parseFlags for a subcommand that takes positional
// arguments: it parses the flags before the first of them.
func parseFlagsOnly(fs *flag.FlagSet, args []string) error {
	help := fs.Usage
	fs.Usage = func() {} // the flag package calls it on every error
	err := fs.Parse(args)
	fs.Usage = help
	if err == flag.ErrHelp {
		help()
		return err
	}
	if err != nil {
		if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: "); ok {
			return unknownFlag(fs, strings.TrimLeft(name, "-"))
		}
		return usagef("%s: %v (see claim169 %s --help)", fs.Name(), err, fs.Name())
	}
	return nil
}

// unknownFlag is the usage error of the undefined flag name, suggesting
// the defined flag closest to it when it is close enough to be a typo: one
// edit (a letter added, dropped, changed or two swapped) for a name of up
// to four letters, two for a longer one.
func unknownFlag(fs *flag.FlagSet, name string) error {
	limit := 1
	if len(name) > 4 {
		limit = 2
	}
	best, bestDist := "", limit+1
	fs.VisitAll(func(f *flag.Flag) {
		if d := editDistance(name, f.Name); d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	if best != "" {
		return usagef("%s: unknown flag --%s (did you mean --%s?)", fs.Name(), name, best)
	}
	return usagef("%s: unknown flag --%s (see claim169 %s --help)", fs.Name(), name, fs.Name())
}

// editDistance is the optimal string alignment distance between a and b,
// in bytes: the insertions, deletions, substitutions and transpositions of
// adjacent bytes that turn one into the other.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// readFile reads at most limit bytes from path, or from stdin when path is
// empty or "-".
func readFile(e *env, path string, limit int64, what string) ([]byte, error) {
	var r io.Reader = e.stdin
	if (path == "" || path == "-") && e.stdinTerminal {
		fmt.Fprintf(e.stderr, "claim169: reading the %s from the terminal: paste it, then press Ctrl-D (or give --in FILE)\n", what)
	}
	if path != "" && path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, &ioError{what, err}
		}
		defer f.Close()
		r = f
	}
	data, err := bounded.ReadAll(r, limit)
	switch {
	case errors.Is(err, bounded.ErrTooLarge):
		// A limit exceeded is malformed input (exit 2), not an I/O error.
		return nil, &inputError{"input", fmt.Errorf("%w: %s larger than %d bytes", claim169.ErrTooLarge, what, limit)}
	case err != nil:
		return nil, &ioError{what, err}
	}
	return data, nil
}

// qrText returns the QR text read from a file or stdin: exactly one
// trailing newline (LF or CRLF) is removed and nothing else is trimmed,
// because Base45 text contains spaces.
func qrText(data []byte) string {
	switch {
	case bytes.HasSuffix(data, []byte("\r\n")):
		data = data[:len(data)-2]
	case bytes.HasSuffix(data, []byte("\n")):
		data = data[:len(data)-1]
	}
	return string(data)
}

// parseNow reads --now: seconds since the epoch, or an RFC 3339 time.
func parseNow(s string) (time.Time, error) {
	t, err := record.ParseTime(s)
	if err != nil {
		return time.Time{}, usagef("--now: %v", err)
	}
	return t, nil
}

// parseSkew reads --skew: a Go duration ("90s", "5m") or whole seconds.
func parseSkew(s string) (time.Duration, error) {
	d, err := record.ParseSkew(s)
	if err != nil {
		return 0, usagef("--skew: %v", err)
	}
	return d, nil
}
