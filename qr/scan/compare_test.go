package scan

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/idqr/claim169/qr/scan/internal/degrade"
	"github.com/stretchr/testify/require"
)

// The comparison with other readers is opt-in: it runs external programs
// and takes minutes.
//
//	go test ./qr/scan -run TestCompareReaders -compare -compare-n 10
var (
	compare     = flag.Bool("compare", false, "compare the read rates with zbarimg and ZXingReader")
	compareN    = flag.Int("compare-n", corpusPerClass, "images of each class in the comparison")
	compareKeep = flag.String("compare-dir", "", "write the comparison's images here instead of a temporary directory")
)

// reader is one program under comparison.
type reader struct {
	name string
	read func(path string) (string, error)
}

// external returns a reader that runs a program on an image and takes its
// standard output, less one final newline, as the text.
func external(name string, args ...string) reader {
	return reader{name, func(path string) (string, error) {
		var out bytes.Buffer
		cmd := exec.Command(name, append(args, path)...)
		cmd.Stdout = &out
		if err := cmd.Run(); err != nil {
			return "", err
		}
		return strings.TrimSuffix(out.String(), "\n"), nil
	}}
}

// tally is what one reader did on one class.
type tally struct {
	read int
	time time.Duration
}

// TestCompareReaders reads the corpus with this package, zbar and
// zxing-cpp and prints the read rates per class and the time per image.
func TestCompareReaders(t *testing.T) {
	if !*compare {
		t.Skip("opt-in: -compare")
	}
	readers := []reader{{"SDK", File}}
	for _, ext := range []reader{
		external("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"),
		external("ZXingReader", "-format", "QRCode", "-bytes"),
	} {
		if _, err := exec.LookPath(ext.name); err != nil {
			t.Skipf("%s is not installed (apt-get install zbar-tools zxing-cpp-tools)", ext.name)
		}
		readers = append(readers, ext)
	}
	dir := *compareKeep
	if dir == "" {
		dir = t.TempDir()
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	classes := degrade.Classes()
	tallies := map[string]map[string]*tally{}
	for _, cl := range classes {
		tallies[cl.Name] = map[string]*tally{}
		for _, r := range readers {
			tallies[cl.Name][r.name] = &tally{}
		}
		for i := range *compareN {
			s, err := cl.Sample(corpusSeed, i)
			require.NoError(t, err)
			path := filepath.Join(dir, fmt.Sprintf("%s-%02d.png", cl.Name, i))
			f, err := os.Create(path)
			require.NoError(t, err)
			require.NoError(t, png.Encode(f, s.Image))
			require.NoError(t, f.Close())
			for _, r := range readers {
				start := time.Now()
				text, err := r.read(path)
				tl := tallies[cl.Name][r.name]
				tl.time += time.Since(start)
				if err == nil && text == s.Text {
					tl.read++
				}
			}
		}
	}
	t.Log("\n" + compareTable(classes, readers, tallies, *compareN))
}

// compareTable formats the tallies as a Markdown table: read images per
// class and reader, the totals, and the mean time per image.
func compareTable(classes []degrade.Class, readers []reader, tallies map[string]map[string]*tally, n int) string {
	var b strings.Builder
	b.WriteString("| class |")
	for _, r := range readers {
		fmt.Fprintf(&b, " %s |", r.name)
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("---|", len(readers)))
	b.WriteString("\n")
	totals := make([]tally, len(readers))
	for _, cl := range classes {
		fmt.Fprintf(&b, "| %s |", cl.Name)
		for i, r := range readers {
			tl := tallies[cl.Name][r.name]
			fmt.Fprintf(&b, " %d/%d |", tl.read, n)
			totals[i].read += tl.read
			totals[i].time += tl.time
		}
		b.WriteString("\n")
	}
	b.WriteString("| **all** |")
	for _, tl := range totals {
		fmt.Fprintf(&b, " **%d/%d** |", tl.read, n*len(classes))
	}
	b.WriteString("\n| time per image |")
	for _, tl := range totals {
		fmt.Fprintf(&b, " %.0f ms |", float64(tl.time.Milliseconds())/float64(n*len(classes)))
	}
	b.WriteString("\n")
	return b.String()
}
