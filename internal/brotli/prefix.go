package brotli

// lengthCode is one row of the tables of RFC 7932 §5 and §6: a code stands
// for base + the value of the extra bits that follow it.
type lengthCode struct {
	base  uint32
	extra uint8
}

// insertCodes are the insert length codes (RFC 7932 §5).
var insertCodes = [24]lengthCode{
	{0, 0}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}, {6, 1}, {8, 1},
	{10, 2}, {14, 2}, {18, 3}, {26, 3}, {34, 4}, {50, 4}, {66, 5}, {98, 5},
	{130, 6}, {194, 7}, {322, 8}, {578, 9}, {1090, 10}, {2114, 12}, {6210, 14}, {22594, 24},
}

// copyCodes are the copy length codes (RFC 7932 §5).
var copyCodes = [24]lengthCode{
	{2, 0}, {3, 0}, {4, 0}, {5, 0}, {6, 0}, {7, 0}, {8, 0}, {9, 0},
	{10, 1}, {12, 1}, {14, 2}, {18, 2}, {22, 3}, {30, 3}, {38, 4}, {54, 4},
	{70, 5}, {102, 5}, {134, 6}, {198, 7}, {326, 8}, {582, 9}, {1094, 10}, {2118, 24},
}

// blockCountCodes are the block count codes (RFC 7932 §6).
var blockCountCodes = [numBlockCountCodes]lengthCode{
	{1, 2}, {5, 2}, {9, 2}, {13, 2}, {17, 3}, {25, 3}, {33, 3}, {41, 3},
	{49, 4}, {65, 4}, {81, 4}, {97, 4}, {113, 5}, {145, 5}, {177, 5}, {209, 5},
	{241, 6}, {305, 6}, {369, 7}, {497, 8}, {753, 9}, {1265, 10}, {2289, 11}, {4337, 12},
	{8433, 13}, {16625, 24},
}

// Alphabet sizes (RFC 7932 §3.3).
const (
	numLiterals        = 256
	numCommandCodes    = 704
	numBlockCountCodes = 26
	numCodeLengthCodes = 18
	maxBlockTypes      = 256
)

// command is an insert-and-copy length code resolved into its two lengths.
type command struct {
	insert, copy lengthCode
	// lastDistance is set for codes 0..127, whose distance is the last
	// distance, with no distance code in the stream.
	lastDistance bool
}

// commandCodes maps the 704 insert-and-copy length codes to their insert
// and copy length codes (the table of RFC 7932 §5).
var commandCodes = buildCommandCodes()

func buildCommandCodes() *[numCommandCodes]command {
	// The insert and copy length code ranges of each block of 64 codes.
	cells := [11]struct{ insert, copy uint16 }{
		{0, 0}, {0, 8}, {0, 0}, {0, 8}, {8, 0}, {8, 8}, {0, 16}, {16, 0}, {8, 16}, {16, 8}, {16, 16},
	}
	var t [numCommandCodes]command
	for code := range numCommandCodes {
		cell := cells[code>>6]
		t[code] = command{
			insert:       insertCodes[cell.insert+uint16(code>>3&7)],
			copy:         copyCodes[cell.copy+uint16(code&7)],
			lastDistance: code < 128,
		}
	}
	return &t
}
