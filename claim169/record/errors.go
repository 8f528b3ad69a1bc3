package record

import "github.com/idqr/claim169/claim169"

// Stage is the stage of the *claim169.Error for a record that cannot be
// read: JSON refused by [Parse] or a CSV row refused by
// [CSVHeader.RecordJSON].
const Stage claim169.Stage = "record"

// stageErr is the error of a record that cannot be read.
func stageErr(err error) error {
	return &claim169.Error{Stage: Stage, Kind: claim169.ErrMalformed, Err: err}
}

// malformed is an error message that matches claim169.ErrMalformed.
type malformed string

func (m malformed) Error() string        { return string(m) }
func (m malformed) Is(target error) bool { return target == claim169.ErrMalformed }
