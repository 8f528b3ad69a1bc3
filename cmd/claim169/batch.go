package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/qr"
)

const batchExample = `  claim169 keygen --out issuer
  printf '%s\n' '{"claim169":{"id":"1001","fullName":"Ada Lovelace","gender":2},"cwt":{"issuer":"example.org"}}' \
                '{"claim169":{"id":"1002","fullName":"Alan Turing","gender":1}}' > people.jsonl
  claim169 batch --key issuer.key.pem --in people.jsonl --out qr --png
  # writes qr/1.txt, qr/1.png, qr/2.txt, qr/2.png and qr/errors.jsonl (bad records)

  # CSV: a header row of the JSON names; biometric cells hold JSON
  #   id,fullName,gender,photo,face,issuer,expiresAt
  claim169 batch --key issuer.key.pem --in people.csv --out qr --workers 4 --resume

Records are numbered from 1 in the order they come, not counting blank lines
(JSON lines), empty lines (CSV) or the CSV header. A bad record (malformed,
over 1 MiB, or refused by the encoder) is skipped and listed in
DIR/errors.jsonl as {"line": N, "error": "..."}, sorted by N and never with
identity data, and the exit status is 2. Files are written whole (to a
temporary name, then renamed); --resume skips the records whose N.txt (and,
with --png, N.png) exist, and rewrites errors.jsonl.`

// maxBatchRecord bounds one record of a batch input, a JSON line or a CSV
// record with its quoted line breaks: a longer one is a bad record.
const maxBatchRecord = 1 << 20

// errorsFile is the list of bad records in the output directory.
const errorsFile = "errors.jsonl"

type batchFlags struct {
	key, alg, kid   string
	in, format, out string
	ecc             string
	png, resume     bool
	workers         int
	level           qr.Level
	csv             bool
}

func runBatch(e *env, args []string) error {
	f, err := parseBatchFlags(e, args)
	if err != nil {
		return err
	}
	opts, err := (&encodeFlags{key: f.key, alg: f.alg, kid: f.kid}).encoderOptions(e)
	if err != nil {
		return err
	}
	enc, err := claim169.NewEncoder(opts)
	if err != nil {
		return &inputError{"key", err}
	}
	in, size, err := openBatchInput(e, f.in)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return &ioError{"--out", err}
	}
	src, err := newBatchSource(in, f.csv)
	if err != nil {
		return err
	}
	b := &batch{flags: f, enc: enc, src: src, bar: newProgress(e.stderr, size)}
	return b.run(e)
}

func parseBatchFlags(e *env, args []string) (*batchFlags, error) {
	fs := newFlagSet(e, "batch", "--key KEY.pem --in FILE(.jsonl|.csv) --out DIR [--png] [--ecc L|M|Q|H] [--workers N] [--kid KID] [--resume]", batchExample)
	f := new(batchFlags)
	fs.StringVar(&f.key, "key", "", "issuer private key `FILE` (PEM PKCS#8/SEC1/PKCS#1, JWK or raw Ed25519 seed)")
	fs.StringVar(&f.alg, "alg", "", "signature `ALG`: EdDSA, ES256, ES384, ES512, PS256, PS384, PS512, RS256 (default: from the key)")
	fs.StringVar(&f.kid, "kid", "", "key ID written in the protected header")
	fs.StringVar(&f.in, "in", "", "input `FILE`: JSON lines (.jsonl) or CSV (.csv); - for stdin with --format")
	fs.StringVar(&f.format, "format", "", "input `FORMAT`, jsonl or csv (default: from the --in extension)")
	fs.StringVar(&f.out, "out", "", "output `DIR`, created if missing: N.txt, N.png and errors.jsonl")
	fs.BoolVar(&f.png, "png", false, "also write each QR code as DIR/N.png")
	fs.StringVar(&f.ecc, "ecc", "M", "QR error correction `LEVEL` for --png: L, M, Q or H")
	fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "records encoded at once, 1.."+strconv.Itoa(claim169.MaxBatchWorkers))
	fs.BoolVar(&f.resume, "resume", false, "skip records whose output files exist already")
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	switch {
	case f.key == "":
		return nil, usagef("batch: --key is required")
	case f.in == "":
		return nil, usagef("batch: --in is required")
	case f.out == "":
		return nil, usagef("batch: --out is required")
	case f.workers < 1 || f.workers > claim169.MaxBatchWorkers:
		return nil, usagef("batch: --workers must be between 1 and %d", claim169.MaxBatchWorkers)
	}
	var err error
	if f.level, err = qr.ParseLevel(f.ecc); err != nil {
		return nil, usagef("batch: --ecc: want L, M, Q or H")
	}
	format := strings.ToLower(f.format)
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(f.in)), ".")
	}
	switch format {
	case "jsonl", "ndjson":
	case "csv":
		f.csv = true
	default:
		return nil, usagef("batch: cannot tell the format of --in: use a .jsonl or .csv file, or --format jsonl|csv")
	}
	return f, nil
}

// openBatchInput opens --in and returns its size when known (else -1).
func openBatchInput(e *env, path string) (io.ReadCloser, int64, error) {
	if path == "-" {
		return io.NopCloser(e.stdin), -1, nil
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, 0, &ioError{"--in", err}
	}
	size := int64(-1)
	if st, err := file.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return file, size, nil
}

// batch is one run of the command.
type batch struct {
	flags *batchFlags
	enc   *claim169.Encoder
	src   *batchSource
	bar   *progress

	skipped int // by the reader goroutine, read after it is done
	pngBufs sync.Pool
}

func (b *batch) run(e *env) error {
	errLog, err := newErrorLog(b.flags.out)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	items := make(chan claim169.BatchItem, b.flags.workers)
	var readErr error
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer close(items)
		if readErr = b.read(ctx, items); readErr != nil {
			cancel()
		}
	}()
	results := b.enc.EncodeBatch(ctx, items, claim169.BatchOptions{
		Workers: b.flags.workers, Ordered: true, Finish: b.save,
	})
	var fatal error
	written, bad := 0, 0
	for r := range results {
		var ioe *ioError
		switch {
		case r.Err == nil:
			written++
		case errors.As(r.Err, &ioe):
			if fatal == nil {
				fatal = r.Err
				cancel()
			}
		default:
			bad++
			errLog.add(r.N, r.Err)
		}
		b.bar.update(written+bad, bad, b.src.offset.Load(), false)
	}
	<-read
	b.bar.update(written+bad, bad, 0, true)
	if err := errLog.close(); err != nil && fatal == nil {
		fatal = err
	}
	if fatal = firstErr(fatal, readErr); fatal != nil {
		return fatal
	}
	total := written + bad + b.skipped
	fmt.Fprintf(e.stdout, "batch: %d records: %d written, %d skipped, %d bad\n", total, written, b.skipped, bad)
	if bad > 0 {
		return &inputError{"batch", fmt.Errorf("%d of %d records were bad, listed in %s",
			bad, total, filepath.Join(b.flags.out, errorsFile))}
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// read numbers the records of the input and sends them on items, skipping
// those whose output exists with --resume. It returns an I/O error, or nil
// at the end of the input or when ctx is done.
func (b *batch) read(ctx context.Context, items chan<- claim169.BatchItem) error {
	for n := 1; ; n++ {
		data, bad, err := b.src.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &ioError{"--in", err}
		}
		if b.flags.resume && b.done(n) {
			b.skipped++
			continue
		}
		item := claim169.BatchItem{N: n, JSON: data, Err: bad}
		select {
		case items <- item:
		case <-ctx.Done():
			return nil
		}
	}
}

// done reports whether record n's output files exist (and are not empty).
func (b *batch) done(n int) bool {
	exts := []string{".txt"}
	if b.flags.png {
		exts = append(exts, ".png")
	}
	for _, ext := range exts {
		st, err := os.Stat(filepath.Join(b.flags.out, strconv.Itoa(n)+ext))
		if err != nil || !st.Mode().IsRegular() || st.Size() == 0 {
			return false
		}
	}
	return true
}

// save is the batch's Finish: it renders the PNG, if asked for, and writes
// the record's files. A text the QR code cannot hold makes a bad record;
// a failed write is an *ioError, which stops the batch.
func (b *batch) save(_ context.Context, r *claim169.BatchResult) error {
	base := filepath.Join(b.flags.out, strconv.Itoa(r.N))
	if b.flags.png {
		code, err := qr.New(r.Text, qr.Options{Level: b.flags.level})
		if err != nil {
			return err
		}
		buf, _ := b.pngBufs.Get().(*bytes.Buffer)
		if buf == nil {
			buf = new(bytes.Buffer)
		}
		buf.Reset()
		defer b.pngBufs.Put(buf)
		if err := code.WritePNG(buf); err != nil {
			return err
		}
		if err := writeAtomic(base+".png", buf.Bytes()); err != nil {
			return err
		}
	}
	return writeAtomic(base+".txt", []byte(r.Text+"\n"))
}

// writeAtomic writes data to a temporary file beside path, then renames it,
// so that path never holds a partial file. Files are not synced to disk.
func writeAtomic(path string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return &ioError{"write " + filepath.Base(path), err}
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return &ioError{"write " + filepath.Base(path), err}
	}
	return nil
}

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

// batchSource reads the records of the input: JSON lines, or CSV records
// after a header row.
type batchSource struct {
	br     *bufio.Reader
	buf    []byte
	offset atomic.Int64 // bytes consumed, for the progress bar

	isCSV  bool
	header *claim169.CSVHeader
	cr     *csv.Reader // reads the records given to chunk, one at a time
	chunk  chunkReader
	fed    int64 // bytes given to cr
}

// errTooLong reports a record over maxBatchRecord bytes.
var errTooLong = fmt.Errorf("longer than %d bytes", maxBatchRecord)

// badRecord is the error of a record the command could not read.
func badRecord(err error) error {
	return &claim169.Error{Stage: claim169.StageRecord, Kind: claim169.ErrMalformed, Err: err}
}

func newBatchSource(r io.Reader, isCSV bool) (*batchSource, error) {
	s := &batchSource{br: bufio.NewReaderSize(r, 64<<10), isCSV: isCSV}
	if bom, err := s.br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		s.br.Discard(3)
		s.offset.Add(3)
	}
	if !isCSV {
		return s, nil
	}
	for {
		rec, err := s.record()
		switch {
		case err == io.EOF:
			return nil, &inputError{"csv", errors.New("no header row")}
		case err == errTooLong:
			return nil, &inputError{"csv", fmt.Errorf("header row %v", err)}
		case err != nil:
			return nil, &ioError{"--in", err}
		case s.blank(rec):
			continue
		}
		row, err := s.parseCSV(rec)
		if err != nil {
			return nil, &inputError{"csv", fmt.Errorf("header row: %w", err)}
		}
		if s.header, err = claim169.ParseCSVHeader(row); err != nil {
			return nil, &inputError{"batch", err}
		}
		return s, nil
	}
}

// next returns the JSON of the next record, or in bad why the record is
// bad. It returns io.EOF at the end of the input and other errors when
// reading fails.
func (s *batchSource) next() (data []byte, bad, err error) {
	for {
		rec, err := s.record()
		switch {
		case err == errTooLong:
			return nil, badRecord(err), nil
		case err != nil:
			return nil, nil, err
		case s.blank(rec):
			continue
		case !utf8.Valid(rec):
			return nil, badRecord(errors.New("not valid UTF-8")), nil
		case !s.isCSV:
			return bytes.Clone(rec), nil, nil
		}
		row, err := s.parseCSV(rec)
		if err != nil {
			return nil, badRecord(err), nil
		}
		if data, err = s.header.RecordJSON(row); err != nil {
			return nil, err, nil
		}
		return data, nil, nil
	}
}

// blank reports whether a record is to be skipped without counting it: an
// empty line in CSV (as encoding/csv does), a line of white space in JSON
// lines.
func (s *batchSource) blank(rec []byte) bool {
	if s.isCSV {
		return len(bytes.TrimRight(rec, "\r\n")) == 0
	}
	return len(bytes.TrimSpace(rec)) == 0
}

// record reads the next record: a line or, in CSV, as many lines as it
// takes to close the quoted fields. The bytes are valid until the next
// call. A record over maxBatchRecord bytes is consumed and reported as
// errTooLong; io.EOF means the input is done.
func (s *batchSource) record() ([]byte, error) {
	s.buf = s.buf[:0]
	size, quotes := 0, 0
	for {
		frag, err := s.br.ReadSlice('\n')
		size += len(frag)
		s.offset.Add(int64(len(frag)))
		if s.isCSV {
			quotes += bytes.Count(frag, []byte{'"'})
		}
		if size <= maxBatchRecord {
			s.buf = append(s.buf, frag...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && size == 0:
			return nil, io.EOF
		case err != nil && err != io.EOF:
			return nil, err
		case err == nil && quotes%2 == 1:
			continue // a line break inside a quoted field
		case size > maxBatchRecord:
			return nil, errTooLong
		}
		return s.buf, nil
	}
}

// parseCSV parses one record with encoding/csv, which checks that it has as
// many fields as the header (FieldsPerRecord). The returned slice is reused.
func (s *batchSource) parseCSV(rec []byte) ([]string, error) {
	if s.cr == nil {
		s.cr = csv.NewReader(&s.chunk)
		s.cr.ReuseRecord = true
		s.fed = 0
		if s.header != nil {
			s.cr.FieldsPerRecord = s.header.Len()
		}
	}
	s.chunk.b = rec
	s.fed += int64(len(rec))
	row, err := s.cr.Read()
	if err == nil && s.cr.InputOffset() != s.fed {
		err = errors.New("csv: malformed quotes")
	}
	if err != nil {
		s.cr = nil // drop whatever the reader buffered
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("csv: %w", pe.Err)
		}
		return nil, err
	}
	return row, nil
}

// chunkReader gives encoding/csv one record at a time.
type chunkReader struct{ b []byte }

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.b)
	c.b = c.b[n:]
	return n, nil
}
