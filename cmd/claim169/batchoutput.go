package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// errorLog writes DIR/errors.jsonl (errors-K-of-N.jsonl for a shard): one
// {"record": N, "line": L, "error": "..."} per bad record, in record order
// (the batch's results are ordered). It is written under a temporary name
// and renamed into place when the run ends.
type errorLog struct {
	dir  *outDir
	name string
	file *os.File
	w    *bufio.Writer
	err  error
}

func newErrorLog(dir *outDir, name string) (*errorLog, error) {
	file, err := dir.createTemp(name)
	if err != nil {
		return nil, &ioError{"write " + name, err}
	}
	return &errorLog{dir: dir, name: name, file: file, w: bufio.NewWriter(file)}, nil
}

// add lists bad record n, which starts on line line.
func (l *errorLog) add(n, line int, err error) {
	entry, _ := json.Marshal(struct {
		Record int    `json:"record"`
		Line   int    `json:"line"`
		Error  string `json:"error"`
	}{n, line, oneLine(err.Error())})
	entry = append(entry, '\n')
	if _, werr := l.w.Write(entry); werr != nil && l.err == nil {
		l.err = werr
	}
}

// close flushes the log and moves it into place.
func (l *errorLog) close() error {
	return l.dir.commit(l.file, l.name, firstErr(l.err, l.w.Flush()))
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
