package scan

// The work of one scan is bounded by counts, not by time: how many local
// grids it builds, each one search for every alignment pattern of the
// symbol and one sampling of its modules, and how many sampled symbols it
// hands to the decoder, each a format and version read and a Reed-Solomon
// check. Together with the bound on the pixels of the image these make the
// worst case of a scan a fixed amount of work.
const (
	// maxGrids bounds the local grids one scan builds.
	maxGrids = 24
	// maxDecodes bounds the sampled symbols one scan decodes, local grids
	// and gozxing's own detector together.
	maxDecodes = 96
)

// budget counts the work of one scan. Pixels are not limited by it but
// counted, for the tests: every grey image and binarization made adds its
// pixels.
type budget struct {
	grids, decodes int
	pixels         int64
}

// grid takes one local grid from the budget, or reports that none is left.
func (b *budget) grid() bool {
	if b.grids >= maxGrids {
		return false
	}
	b.grids++
	return true
}

// decode takes one decode from the budget, or reports that none is left.
func (b *budget) decode() bool {
	if b.decodes >= maxDecodes {
		return false
	}
	b.decodes++
	return true
}
