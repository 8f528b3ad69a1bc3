package symbol

// MaskPatterns is the number of data mask patterns (ISO/IEC 18004 §7.8.2).
const MaskPatterns = 8

// Inverts reports whether data mask m inverts the module at column x and
// row y (§7.8.2, Table 10, with i the row and j the column).
func Inverts(m, x, y int) bool {
	switch m {
	case 0:
		return (y+x)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (y+x)%3 == 0
	case 4:
		return (y/2+x/3)%2 == 0
	case 5:
		return y*x%2+y*x%3 == 0
	case 6:
		return (y*x%2+y*x%3)%2 == 0
	}
	return (y*x%3+(y+x)%2)%2 == 0
}
