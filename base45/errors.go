package base45

import "strconv"

// CorruptInputError reports malformed Base45 input. Its value is the offset
// in the input of the problem: the first character outside the alphabet, the
// first character of a group whose value is out of range, or len(src)-1 for
// a dangling single character at the end.
//
// The decoding functions return it as a value; match it with [errors.As].
type CorruptInputError int64

// Error returns "base45: invalid input at offset N".
func (e CorruptInputError) Error() string {
	return "base45: invalid input at offset " + strconv.FormatInt(int64(e), 10)
}
