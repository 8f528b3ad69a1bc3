package record_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
)

// canary is put in the bad cells of bad records: it must never reach an
// error.
const canary = "LEAKCANARY"

// got is a record as readAll sees it: its number, its line and its id (or
// "bad").
type got struct {
	N, Line int
	ID      string
}

// readAll reads every record of input and returns them, checking that the
// errors match ErrMalformed and hold no canary.
func readAll(t *testing.T, in io.Reader, format record.Format) []got {
	t.Helper()
	rd, err := record.NewReader(in, format)
	require.NoError(t, err)
	var out []got
	for {
		raw, err := rd.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		require.NoError(t, err)
		require.Equal(t, len(out)+1, raw.N)
		if raw.Err != nil {
			require.Nil(t, raw.JSON)
			require.ErrorIs(t, raw.Err, claim169.ErrMalformed)
			require.NotContains(t, raw.Err.Error(), canary)
			out = append(out, got{raw.N, raw.Line, "bad"})
			continue
		}
		rec, err := record.Parse(raw.JSON)
		if err != nil {
			require.NotContains(t, err.Error(), canary)
			out = append(out, got{raw.N, raw.Line, "bad"})
			continue
		}
		out = append(out, got{raw.N, raw.Line, rec.Identity.ID})
	}
}

// onlyReader hides the Seek method of its reader, as a pipe would.
type onlyReader struct{ io.Reader }

func TestReaderJSONLines(t *testing.T) {
	input := "\uFEFF" + `{"claim169":{"id":"a"}}` + "\r\n" +
		"\n \t\n" +
		`{"claim169":{"id":"` + canary + `"` + "\n" +
		`{"claim169":{"id":"c"}}` + "\n" +
		`{"claim169":{"fullName":"` + canary + "\xff\"}}\n" +
		`{"claim169":{"fullName":"` + strings.Repeat(canary, record.MaxRecordBytes/len(canary)) + `"}}` + "\n" +
		`{"claim169":{"id":"g"}}`
	assert.Equal(t, []got{{1, 1, "a"}, {2, 4, "bad"}, {3, 5, "c"}, {4, 6, "bad"}, {5, 7, "bad"}, {6, 8, "g"}},
		readAll(t, strings.NewReader(input), record.JSONLines))
}

func TestReaderCSV(t *testing.T) {
	header := "\uFEFFid,fullName,address\r\n"
	for _, tc := range []struct {
		name, rows string
		want       []got
	}{
		{
			name: "quoted line breaks and empty lines",
			rows: "a,Ada,\"12 Square,\r\nLondon\"\n\n\r\nb,\"Alan \"\"T\"\"\",\nc,,",
			want: []got{{1, 2, "a"}, {2, 6, "b"}, {3, 7, "c"}},
		},
		{
			name: "a stray quote in an unquoted field",
			rows: "a,Pat O\"Brien" + canary + ",x\nb,Bob,y\nc,Carl,\"z\"\n",
			want: []got{{1, 2, "bad"}, {2, 3, "b"}, {3, 4, "c"}},
		},
		{
			name: "a stray quote then a quoted field over two lines",
			rows: "a,Pat O\"Brien" + canary + ",\"1 Road\nTown\"\nb,Bob,y\n",
			want: []got{{1, 2, "bad"}, {2, 4, "b"}},
		},
		{
			name: "a quote opening a field that never closes",
			rows: "a,\"Pat" + canary + ",x\nb,Bob,y\nc,Carl,z\n",
			want: []got{{1, 2, "bad"}, {2, 3, "b"}, {3, 4, "c"}},
		},
		{
			name: "a quote opening a field that a later quote closes",
			rows: "a,\"Pat" + canary + ",x\nb,Bob,y\nc,\"Carl\",z\nd,Dan,w\n",
			want: []got{{1, 2, "bad"}, {2, 3, "b"}, {3, 4, "c"}, {4, 5, "d"}},
		},
		{
			name: "text after a closing quote on the same line",
			rows: "a,\"Pat\"" + canary + ",x\nb,Bob,y\n",
			want: []got{{1, 2, "bad"}, {2, 3, "b"}},
		},
		{
			name: "wrong number of fields",
			rows: "a," + canary + "\nb,Bob,y,z\nc,Carl,w\n",
			want: []got{{1, 2, "bad"}, {2, 3, "bad"}, {3, 4, "c"}},
		},
		{
			name: "not UTF-8",
			rows: "a,\xff" + canary + ",x\nb,Bob,y\n",
			want: []got{{1, 2, "bad"}, {2, 3, "b"}},
		},
		{
			name: "a quoted empty line is a record",
			rows: "\"\"\nb,Bob,y\n",
			want: []got{{1, 2, "bad"}, {2, 3, "b"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := header + tc.rows
			assert.Equal(t, tc.want, readAll(t, strings.NewReader(data), record.CSV), "seekable")
			assert.Equal(t, tc.want, readAll(t, onlyReader{strings.NewReader(data)}, record.CSV), "not seekable")
		})
	}
}

// TestReaderCSVMended checks that mending a stray quote changes no other
// record's number.
func TestReaderCSVMended(t *testing.T) {
	rows := func(name string) string {
		return "id,fullName\n1,Ann\n2," + name + "\n3,Bob\n4,\"Cy\"\n5,Dee\n6,Eve\n"
	}
	broken := readAll(t, strings.NewReader(rows(`"Pat O'Brien`)), record.CSV)
	mended := readAll(t, strings.NewReader(rows(`Pat O'Brien`)), record.CSV)
	require.Len(t, broken, 6)
	require.Len(t, mended, 6)
	for i := range broken {
		assert.Equal(t, mended[i].N, broken[i].N)
		assert.Equal(t, mended[i].Line, broken[i].Line)
		if i != 1 {
			assert.Equal(t, mended[i].ID, broken[i].ID)
		}
	}
	assert.Equal(t, "bad", broken[1].ID)
	assert.Equal(t, "2", mended[1].ID)
}

// TestReaderCSVLongUnclosed checks that a quote left open more than
// MaxRecordBytes before the end of the input costs one record in a file,
// which can seek back, and that a well-formed record over the limit is one
// bad record.
func TestReaderCSVLongUnclosed(t *testing.T) {
	var rows strings.Builder
	rows.WriteString("id,fullName\n1,\"Open" + canary + "\n")
	n := record.MaxRecordBytes/20 + 10 // lines of 24 bytes: more than the limit
	for i := 2; i <= n; i++ {
		rows.WriteString("x,Person Number Twenty\n")
	}
	rows.WriteString("last,Zed\n")
	recs := readAll(t, bytes.NewReader([]byte(rows.String())), record.CSV)
	require.Len(t, recs, n+1)
	assert.Equal(t, got{1, 2, "bad"}, recs[0])
	assert.Equal(t, got{n + 1, n + 2, "last"}, recs[n])

	// Without seeking, the lines read past the limit stay in the bad record.
	recs = readAll(t, onlyReader{strings.NewReader(rows.String())}, record.CSV)
	require.Len(t, recs, 1)
	assert.Equal(t, got{1, 2, "bad"}, recs[0])

	big := "id,address\n1,one\n2,\"" + strings.Repeat(canary+"\n", record.MaxRecordBytes/len(canary)) + "\"\n3,three\n"
	for _, in := range []io.Reader{strings.NewReader(big), onlyReader{strings.NewReader(big)}} {
		recs = readAll(t, in, record.CSV)
		require.Len(t, recs, 3)
		assert.Equal(t, []got{{1, 2, "1"}, {2, 3, "bad"}, {3, 3 + record.MaxRecordBytes/len(canary) + 1, "3"}}, recs)
	}
}

func TestReaderCSVHeaderErrors(t *testing.T) {
	for _, tc := range []struct{ name, input string }{
		{"empty", ""},
		{"blank lines only", "\n\r\n"},
		{"unknown column", "id,fulName\n"},
		{"a data row", "ID-1,Ada " + canary + "\n"},
		{"unclosed quote", "id,\"full" + canary + "\n"},
		{"bare quote", "id,full\"" + canary + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rd, err := record.NewReader(strings.NewReader(tc.input), record.CSV)
			assert.Nil(t, rd)
			require.ErrorIs(t, err, claim169.ErrMalformed)
			assert.NotContains(t, err.Error(), canary)
		})
	}
	_, err := record.NewReader(strings.NewReader(""), record.Format(0))
	assert.Error(t, err)
}

func TestReaderOffsetAndHeader(t *testing.T) {
	input := "id,fullName\na,b\n"
	rd, err := record.NewReader(strings.NewReader(input), record.CSV)
	require.NoError(t, err)
	assert.Equal(t, 2, rd.Header().Len())
	_, err = rd.Read()
	require.NoError(t, err)
	_, err = rd.Read()
	require.ErrorIs(t, err, io.EOF)
	assert.EqualValues(t, len(input), rd.Offset())

	rd, err = record.NewReader(strings.NewReader(""), record.JSONLines)
	require.NoError(t, err)
	assert.Nil(t, rd.Header())
}
