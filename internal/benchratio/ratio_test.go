package benchratio

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestMedian(t *testing.T) {
	assert.Equal(t, time.Duration(3), median([]time.Duration{5, 1, 4, 2, 3}))
	assert.Equal(t, time.Duration(2), median([]time.Duration{2}))
}
