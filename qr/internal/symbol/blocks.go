package symbol

import "github.com/idqr/claim169/qr"

// blockShape is how a version and level split their codewords into
// Reed-Solomon blocks (ISO/IEC 18004 Table 9): each block has ec error
// correction codewords, and the data codewords are shared out so that the
// last blocks hold one more than the first (the two groups of the table).
type blockShape struct {
	ec, blocks int
}

// blockTable holds the error correction codewords per block and the number
// of blocks of each version, at levels L, M, Q and H (ISO/IEC 18004:2015
// Table 9; TestBlockTableMatchesGozxing compares it with gozxing's
// transcription).
var blockTable = [qr.MaxVersion][4]blockShape{
	{{7, 1}, {10, 1}, {13, 1}, {17, 1}}, {{10, 1}, {16, 1}, {22, 1}, {28, 1}}, // 1, 2
	{{15, 1}, {26, 1}, {18, 2}, {22, 2}}, {{20, 1}, {18, 2}, {26, 2}, {16, 4}}, // 3, 4
	{{26, 1}, {24, 2}, {18, 4}, {22, 4}}, {{18, 2}, {16, 4}, {24, 4}, {28, 4}}, // 5, 6
	{{20, 2}, {18, 4}, {18, 6}, {26, 5}}, {{24, 2}, {22, 4}, {22, 6}, {26, 6}}, // 7, 8
	{{30, 2}, {22, 5}, {20, 8}, {24, 8}}, {{18, 4}, {26, 5}, {24, 8}, {28, 8}}, // 9, 10
	{{20, 4}, {30, 5}, {28, 8}, {24, 11}}, {{24, 4}, {22, 8}, {26, 10}, {28, 11}}, // 11, 12
	{{26, 4}, {22, 9}, {24, 12}, {22, 16}}, {{30, 4}, {24, 9}, {20, 16}, {24, 16}}, // 13, 14
	{{22, 6}, {24, 10}, {30, 12}, {24, 18}}, {{24, 6}, {28, 10}, {24, 17}, {30, 16}}, // 15, 16
	{{28, 6}, {28, 11}, {28, 16}, {28, 19}}, {{30, 6}, {26, 13}, {28, 18}, {28, 21}}, // 17, 18
	{{28, 7}, {26, 14}, {26, 21}, {26, 25}}, {{28, 8}, {26, 16}, {30, 20}, {28, 25}}, // 19, 20
	{{28, 8}, {26, 17}, {28, 23}, {30, 25}}, {{28, 9}, {28, 17}, {30, 23}, {24, 34}}, // 21, 22
	{{30, 9}, {28, 18}, {30, 25}, {30, 30}}, {{30, 10}, {28, 20}, {30, 27}, {30, 32}}, // 23, 24
	{{26, 12}, {28, 21}, {30, 29}, {30, 35}}, {{28, 12}, {28, 23}, {28, 34}, {30, 37}}, // 25, 26
	{{30, 12}, {28, 25}, {30, 34}, {30, 40}}, {{30, 13}, {28, 26}, {30, 35}, {30, 42}}, // 27, 28
	{{30, 14}, {28, 28}, {30, 38}, {30, 45}}, {{30, 15}, {28, 29}, {30, 40}, {30, 48}}, // 29, 30
	{{30, 16}, {28, 31}, {30, 43}, {30, 51}}, {{30, 17}, {28, 33}, {30, 45}, {30, 54}}, // 31, 32
	{{30, 18}, {28, 35}, {30, 48}, {30, 57}}, {{30, 19}, {28, 37}, {30, 51}, {30, 60}}, // 33, 34
	{{30, 19}, {28, 38}, {30, 53}, {30, 63}}, {{30, 20}, {28, 40}, {30, 56}, {30, 66}}, // 35, 36
	{{30, 21}, {28, 43}, {30, 59}, {30, 70}}, {{30, 22}, {28, 45}, {30, 62}, {30, 74}}, // 37, 38
	{{30, 24}, {28, 47}, {30, 65}, {30, 77}}, {{30, 25}, {28, 49}, {30, 68}, {30, 81}}, // 39, 40
}

// Blocks describes the Reed-Solomon blocks of one symbol.
type Blocks struct {
	EC        int // error correction codewords per block
	Count     int // number of blocks
	Short     int // number of blocks of ShortData data codewords; the others hold one more
	ShortData int // data codewords of a short block
	Data      int // data codewords in all
}

// BlocksOf returns the blocks of a version-v symbol of total codewords at
// level l.
func BlocksOf(v int, l qr.Level, total int) Blocks {
	s := blockTable[v-1][l-qr.L]
	data := total - s.ec*s.blocks
	return Blocks{
		EC: s.ec, Count: s.blocks,
		Short:     s.blocks - data%s.blocks,
		ShortData: data / s.blocks,
		Data:      data,
	}
}

// DataOf returns the data codewords of block b.
func (bs Blocks) DataOf(b int) int {
	if b < bs.Short {
		return bs.ShortData
	}
	return bs.ShortData + 1
}
