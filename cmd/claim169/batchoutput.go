package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// errorLog writes DIR/errors.jsonl: one {"line": N, "error": "..."} per
// bad record, in record order (the batch's results are ordered).
type errorLog struct {
	path string
	file *os.File
	w    *bufio.Writer
	err  error
}

func newErrorLog(dir string) (*errorLog, error) {
	path := filepath.Join(dir, errorsFile)
	file, err := os.Create(filepath.Join(dir, "."+errorsFile+".tmp"))
	if err != nil {
		return nil, &ioError{"write " + errorsFile, err}
	}
	return &errorLog{path: path, file: file, w: bufio.NewWriter(file)}, nil
}

func (l *errorLog) add(n int, err error) {
	line, _ := json.Marshal(struct {
		Line  int    `json:"line"`
		Error string `json:"error"`
	}{n, oneLine(err.Error())})
	line = append(line, '\n')
	if _, werr := l.w.Write(line); werr != nil && l.err == nil {
		l.err = werr
	}
}

// close flushes the log and moves it into place.
func (l *errorLog) close() error {
	err := firstErr(l.err, l.w.Flush(), l.file.Close())
	if err == nil {
		err = os.Rename(l.file.Name(), l.path)
	}
	if err != nil {
		return &ioError{"write " + errorsFile, err}
	}
	return nil
}

// progress is a progress bar on stderr, shown only when stderr is a
// terminal; a nil *progress shows nothing.
type progress struct {
	bar   *progressbar.ProgressBar
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer, size int64) *progress {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	bar := progressbar.NewOptions64(size,
		progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription("batch"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(f) }),
	)
	now := time.Now()
	return &progress{bar: bar, start: now}
}

// update shows the records done, their rate, and the input read; at most
// every 100 ms, and always when final.
func (p *progress) update(done, bad int, offset int64, final bool) {
	if p == nil {
		return
	}
	now := time.Now()
	if final || now.Sub(p.last) >= 100*time.Millisecond {
		p.last = now
		rate := float64(done) / max(now.Sub(p.start).Seconds(), 1e-3)
		p.bar.Describe(fmt.Sprintf("batch: %d records (%.0f/s), %d bad", done, rate, bad))
	}
	if final {
		p.bar.Finish()
		return
	}
	p.bar.Set64(offset)
}
