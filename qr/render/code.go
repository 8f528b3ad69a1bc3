package render

import "github.com/idqr/claim169/qr"

// QuietZone is the width, in modules, of the light margin around every code
// this package renders (ISO/IEC 18004 §5.3.8 requires at least 4).
const QuietZone = 4

// Module sizes for [Code.Image] and [Code.WritePNG], in pixels per module.
const (
	DefaultModuleSize = 8
	// MaxModuleSize bounds the rendered image: a version-40 code with its
	// quiet zone is 185 modules, 5920 pixels, on a side at this size.
	MaxModuleSize = 32
)

// Options configures [New]. The zero value renders alphanumeric text at
// level M with 8-pixel modules.
type Options struct {
	// Level is the error correction level; zero means qr.DefaultLevel.
	Level qr.Level
	// ModuleSize is the side of a module in whole pixels, 1..MaxModuleSize,
	// for Image and WritePNG; zero means DefaultModuleSize. SVG output is
	// sized in the same pixels; terminal output ignores it.
	ModuleSize int
	// AllowByteMode lets New encode UTF-8 text outside the alphanumeric set
	// in byte mode, which holds far fewer characters, as qr.PlanUTF8 plans
	// it. Without it such text is refused with qr.ErrNotAlphanumeric.
	AllowByteMode bool
}

// Code is an encoded QR code, ready to render. It is immutable and safe for
// concurrent use.
type Code struct {
	layout     qr.Layout
	moduleSize int
	mask       int // the data mask, 0..7
	side       int // modules on a side, quiet zone excluded
	words      int // 64-bit words a row
	// bits holds the modules row by row, quiet zone excluded: bit x%64 of
	// bits[y*words+x/64] is set for a dark module.
	bits []uint64
}

// New encodes text as a QR code at exactly the version [qr.Plan] computes,
// with this package's encoder: it writes the data bit stream in exactly
// Plan's segments ([qr.DataCodewords]), adds the Reed-Solomon codewords of
// each block, interleaves them, places them around the function patterns
// and applies the data mask of least penalty. The code has Plan's version
// and level, and the text is never put in byte mode unless
// Options.AllowByteMode allows it for non-alphanumeric text.
//
// New returns the errors of [qr.Plan] ([qr.PlanUTF8] with AllowByteMode),
// and [ErrModuleSize] for a module size out of range.
func New(text string, opts Options) (*Code, error) {
	size := opts.ModuleSize
	if size == 0 {
		size = DefaultModuleSize
	}
	if size < 1 || size > MaxModuleSize {
		return nil, ErrModuleSize
	}
	plan := qr.Plan
	if opts.AllowByteMode {
		plan = qr.PlanUTF8
	}
	layout, err := plan(text, opts.Level)
	if err != nil {
		return nil, err
	}
	c, err := encode(text, layout)
	if err != nil {
		return nil, err
	}
	c.moduleSize = size
	return c, nil
}

// Layout returns the layout of the code.
func (c *Code) Layout() qr.Layout { return c.layout }

// Size returns the number of modules on a side, quiet zone included:
// Layout().Modules + 2·QuietZone.
func (c *Code) Size() int { return c.side + 2*QuietZone }

// Dark reports whether the module at column x and row y, counted from the
// outer edge of the quiet zone, is dark. Modules outside the code are light.
func (c *Code) Dark(x, y int) bool {
	x, y = x-QuietZone, y-QuietZone
	if x < 0 || y < 0 || x >= c.side || y >= c.side {
		return false
	}
	return c.bits[y*c.words+x/64]>>(x%64)&1 != 0
}

// row returns the modules of row y of the symbol, quiet zone excluded.
func (c *Code) row(y int) []uint64 { return c.bits[y*c.words : (y+1)*c.words] }
