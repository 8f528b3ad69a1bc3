package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"

	"github.com/idqr/claim169/internal/bounded"
)

// defaultFileMode is the permission of the files a batch writes: they hold
// names, birth dates and photos, so only their owner reads them unless
// --file-mode says otherwise.
const defaultFileMode fs.FileMode = 0o600

// dirMode returns the permission of a directory whose files have mode m:
// each class that may read the files may also enter the directory.
func dirMode(m fs.FileMode) fs.FileMode {
	d := m | 0o700
	if m&0o040 != 0 {
		d |= 0o050
	}
	if m&0o004 != 0 {
		d |= 0o005
	}
	return d
}

// parseFileMode reads --file-mode: octal permission bits that let the
// owner read and write and nobody execute or write but the owner.
func parseFileMode(s string) (fs.FileMode, error) {
	v, err := strconv.ParseUint(s, 8, 32)
	if err != nil || v&^0o644 != 0 || v&0o600 != 0o600 {
		return 0, errors.New("want octal permissions from 0600 to 0644, such as 0640")
	}
	return fs.FileMode(v), nil
}

// outDir is the output directory of a batch, opened once as an os.Root so
// that no name in it leads outside. Its files are created new (O_EXCL, so
// that no symbolic link or other file put in their place is written
// through), written whole under a temporary name and renamed into place;
// existing files are read only when they are regular files, not links.
type outDir struct {
	path string
	root *os.Root
	mode fs.FileMode
}

// openOutDir creates the directory path if it is missing, with the
// directory mode of files of mode mode, and opens it. A path that is a
// symbolic link is refused. It returns a warning when an existing
// directory lets more users in than mode's directory would.
func openOutDir(path string, mode fs.FileMode) (*outDir, string, error) {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(path, dirMode(mode)); err == nil {
			st, err = os.Lstat(path)
		}
	}
	if err != nil {
		return nil, "", &ioError{"--out", err}
	}
	switch {
	case st.Mode()&fs.ModeSymlink != 0:
		return nil, "", &ioError{"--out", errors.New("is a symbolic link: give the directory it leads to")}
	case !st.IsDir():
		return nil, "", &ioError{"--out", errors.New("not a directory")}
	}
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, "", &ioError{"--out", err}
	}
	warning := ""
	if extra := st.Mode().Perm() &^ dirMode(mode); extra != 0 {
		warning = fmt.Sprintf("--out: the directory is open to other users (mode %04o) and its files are written %04o", st.Mode().Perm(), mode)
	}
	return &outDir{path: path, root: root, mode: mode}, warning, nil
}

func (d *outDir) close() error { return d.root.Close() }

// createTemp creates the temporary file for name, ".name.tmp". A
// temporary file left by an interrupted run is removed first: its name is
// the record's own, so no other process writes it.
func (d *outDir) createTemp(name string) (*os.File, error) {
	tmp := "." + name + ".tmp"
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	f, err := d.root.OpenFile(tmp, flags, d.mode)
	if errors.Is(err, fs.ErrExist) {
		if err = d.root.Remove(tmp); err == nil {
			f, err = d.root.OpenFile(tmp, flags, d.mode)
		}
	}
	return f, err
}

// commit closes a temporary file made by createTemp and renames it to
// name, replacing what name was (a file, or a link: rename does not follow
// it).
func (d *outDir) commit(f *os.File, name string, werr error) error {
	err := firstErr(werr, f.Close())
	if err == nil {
		err = d.root.Rename("."+name+".tmp", name)
	}
	if err != nil {
		d.root.Remove("." + name + ".tmp")
		return &ioError{"write " + name, err}
	}
	return nil
}

// writeFile writes data to name through a temporary file, so that name
// never holds a partial file. Files are not synced to disk.
func (d *outDir) writeFile(name string, data []byte) error {
	f, err := d.createTemp(name)
	if err != nil {
		return &ioError{"write " + name, err}
	}
	_, err = f.Write(data)
	return d.commit(f, name, err)
}

// errNotRegular reports an output name that is not a regular file.
var errNotRegular = errors.New("not a regular file")

// readFile returns the contents of name if it is a regular file (not a
// link) of at most limit bytes.
func (d *outDir) readFile(name string, limit int64) ([]byte, error) {
	st, err := d.root.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > limit {
		return nil, errNotRegular
	}
	f, err := d.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fst, err := f.Stat(); err != nil || !os.SameFile(st, fst) {
		return nil, errNotRegular // replaced between the two looks
	}
	data, err := bounded.ReadAll(f, limit)
	if errors.Is(err, bounded.ErrTooLarge) {
		err = errNotRegular // grown between the two looks
	}
	return data, err
}

// openAppend opens name to read it and append to it, creating it if
// missing; it must be a regular file, not a link.
func (d *outDir) openAppend(name string, truncate bool) (*os.File, error) {
	st, err := d.root.Lstat(name)
	switch {
	case err == nil && !st.Mode().IsRegular():
		return nil, errNotRegular
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	flags := os.O_RDWR | os.O_CREATE | os.O_APPEND
	if truncate {
		flags |= os.O_TRUNC
	}
	f, err := d.root.OpenFile(name, flags, d.mode)
	if err != nil {
		return nil, err
	}
	if fst, err := f.Stat(); err != nil || !fst.Mode().IsRegular() || st != nil && !os.SameFile(st, fst) {
		f.Close()
		return nil, errNotRegular
	}
	return f, nil
}

// removeOutputs removes N.txt and N.png of a bad record, left by an earlier
// run for what record N was then: the directory holds credentials for the
// good records of the input only. Remove does not follow a link.
func (d *outDir) removeOutputs(n int) error {
	for _, ext := range []string{".txt", ".png"} {
		name := strconv.Itoa(n) + ext
		if err := d.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return &ioError{"remove " + name, err}
		}
	}
	return nil
}
