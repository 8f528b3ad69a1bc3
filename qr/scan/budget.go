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
	// maxRefinements bounds the local grids whose sampling one scan
	// refines (see refine), each about as costly as building the grid.
	maxRefinements = 8
)

// Bounds that follow from the above, which the tests check: the pixels of
// the grey images and binarizations a scan makes, in units of the working
// image's bound; the grey levels one local grid reads: the alignment search
// at each of up to 46 patterns (version 40), 16×16 coarse places, the best
// and four refinements of eight, 100 levels each, six levels a module of up
// to 177×177, and the refinement's 7×7 shifts of every module and its
// final sampling; and the grey levels the finder templates read: up to
// eight triples in each of seven local reads, three patterns each, at 7×7
// coarse places and the refinements, 324 levels each.
const (
	maxPixelPasses   = 14
	maxGridSamples   = 46*(16*16+1+alignRefinements*8)*100 + 6*177*177
	maxRefineSamples = (refineSteps*refineSteps + 1) * 177 * 177
	maxLocalReads    = 7
	maxFinderChecks  = maxLocalReads * maxFinderTriples * 3 * (7*7 + 1 + alignRefinements*8) * 324
	maxScanSamples   = maxGrids*maxGridSamples + maxRefinements*maxRefineSamples + maxFinderChecks
	// maxAttemptWork bounds the work one attempt adds once maxWork is
	// reached: a grey image and its binarization (at most the doubled
	// image) and one local grid with its refinement.
	maxAttemptWork = 2*(2*maxDoubleSide)*(2*maxDoubleSide) + maxGridSamples + maxRefineSamples
)

// maxWork bounds the work of one scan, counted as the pixels of the grey
// images and binarizations it makes and the grey levels its local grids
// read, each about 10 ns of CPU: once it is spent, no further attempt and
// no further local grid starts. The bounds above each hold alone; an image
// built to reach several of them at once (alignment tiles in a field of
// noise at the working size) would add them up, to 0.7 s. This one keeps
// any scan near 0.4 s, so that decoding the costliest image and scanning
// it fit within a second. A readable image is read long before: the
// degraded corpus of the read-rate tests takes at most 6 million.
const maxWork = 30 << 20

// budget counts the work of one scan: every grey image and binarization
// made adds its pixels, and the local grids the grey levels they read.
type budget struct {
	grids, decodes, refinements int
	pixels, samples             int64
}

// spent reports whether the scan has done maxWork.
func (b *budget) spent() bool { return b.pixels+b.samples >= maxWork }

// grid takes one local grid from the budget, or reports that none is left.
func (b *budget) grid() bool {
	if b.grids >= maxGrids || b.spent() {
		return false
	}
	b.grids++
	return true
}

// refinement takes one refinement from the budget, or reports that none is
// left.
func (b *budget) refinement() bool {
	if b.refinements >= maxRefinements {
		return false
	}
	b.refinements++
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
