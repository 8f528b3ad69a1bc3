package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sync"
)

// The issued list: DIR/.issued.jsonl (.issued-K-of-N.jsonl for a shard)
// gets one line per record whose files are in place, written after them:
//
//	{"record": N, "txt": "<mark>", "png": "<mark>"}
//
// A mark is a digest of the record's number, the record itself, the run's
// settings (the issuer's key, algorithm and kid; the QR level for a PNG)
// and the file's bytes. --resume skips record N only when the marks of its
// files, computed afresh from the record and the files on disk, are on a
// list: an output that belongs to another record (the input changed), that
// was cut short, or that another key signed is written again. The lists of
// every run and shard in DIR count, so shards may share it and a run may
// be resumed with other shards. A line cut short by an interruption is
// ignored, and so is its record, which is done again.

// issuedName matches the names of the issued lists.
var issuedName = regexp.MustCompile(`^\.issued(-[0-9]+-of-[0-9]+)?\.jsonl$`)

// maxOutputFile bounds the files --resume reads back.
const maxOutputFile = 16 << 20

// mark is the digest of one output file of one record.
type mark [16]byte

// markOf returns the mark of file kind ("txt" or "png") of record n with
// record digest rec, run settings run and contents data.
func markOf(kind string, n int, rec, run [32]byte, data []byte) mark {
	h := sha256.New()
	var num [8]byte
	binary.BigEndian.PutUint64(num[:], uint64(n))
	h.Write([]byte("claim169 batch output\x00" + kind + "\x00"))
	h.Write(num[:])
	h.Write(rec[:])
	h.Write(run[:])
	file := sha256.Sum256(data)
	h.Write(file[:])
	var m mark
	copy(m[:], h.Sum(nil))
	return m
}

// issuedEntry is one line of an issued list.
type issuedEntry struct {
	Record int    `json:"record"`
	Txt    string `json:"txt"`
	PNG    string `json:"png,omitempty"`
}

// loadIssued reads the marks of every issued list in d, keeping those of
// the records keep accepts.
func loadIssued(d *outDir, keep func(n int) bool) (map[mark]struct{}, error) {
	entries, err := fs.ReadDir(d.root.FS(), ".")
	if err != nil {
		return nil, &ioError{"--out", err}
	}
	marks := make(map[mark]struct{})
	for _, e := range entries {
		if !issuedName.MatchString(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		f, err := d.root.Open(e.Name())
		if err != nil {
			return nil, &ioError{"read " + e.Name(), err}
		}
		err = readIssued(f, keep, marks)
		if err = firstErr(err, f.Close()); err != nil {
			return nil, &ioError{"read " + e.Name(), err}
		}
	}
	return marks, nil
}

// readIssued adds the marks of one list to marks. Lines that are not
// entries (cut short, or too long) are skipped.
func readIssued(r io.Reader, keep func(n int) bool, marks map[mark]struct{}) error {
	br := bufio.NewReaderSize(r, 4096)
	for {
		line, err := br.ReadSlice('\n')
		for err == bufio.ErrBufferFull {
			line = nil
			_, err = br.ReadSlice('\n')
		}
		var entry issuedEntry
		if json.Unmarshal(line, &entry) == nil && keep(entry.Record) {
			for _, s := range []string{entry.Txt, entry.PNG} {
				var m mark
				if b, err := hex.DecodeString(s); err == nil && len(b) == len(m) {
					copy(m[:], b)
					marks[m] = struct{}{}
				}
			}
		}
		switch {
		case err == io.EOF:
			return nil
		case err != nil:
			return err
		}
	}
}

// issuedList appends to this run's issued list, one write per record so
// that an interruption loses at most the line being written.
type issuedList struct {
	name string
	mu   sync.Mutex
	f    *os.File
}

// openIssued opens this run's list; a run that does not resume starts it
// afresh. A list that an interruption left without its final line break
// gets one, so that the next line starts clean.
func openIssued(d *outDir, name string, resume bool) (*issuedList, error) {
	f, err := d.openAppend(name, !resume)
	if err == nil {
		err = endLine(f)
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, &ioError{"write " + name, err}
	}
	return &issuedList{name: name, f: f}, nil
}

// endLine writes a line break at the end of f, open to read and append,
// unless it is empty or ends with one.
func endLine(f *os.File) error {
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return err
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, st.Size()-1); err != nil {
		return err
	}
	if last[0] != '\n' {
		_, err = f.Write([]byte{'\n'})
	}
	return err
}

// add records that record n's files, with these marks, are in place.
func (l *issuedList) add(n int, txt mark, png *mark) error {
	e := issuedEntry{Record: n, Txt: hex.EncodeToString(txt[:])}
	if png != nil {
		e.PNG = hex.EncodeToString(png[:])
	}
	line, _ := json.Marshal(e)
	line = append(line, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.f.Write(line); err != nil {
		return &ioError{"write " + l.name, err}
	}
	return nil
}

func (l *issuedList) close() error {
	if err := l.f.Close(); err != nil {
		return &ioError{"write " + l.name, err}
	}
	return nil
}

// shardSuffix is "" for a whole run and "-K-of-N" for shard K of N.
func shardSuffix(k, n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("-%d-of-%d", k, n)
}
