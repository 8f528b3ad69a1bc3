package registry

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNames(t *testing.T) {
	type level int64
	r := Names[level]{First: 1, Kind: "level", Names: []string{"low", "high"}}
	tests := []struct {
		v    level
		name string
		has  bool
	}{
		{1, "low", true},
		{2, "high", true},
		{0, "level 0", false},
		{3, "level 3", false},
		{-1, "level -1", false},
		{math.MinInt64, "level -9223372036854775808", false},
		{math.MaxInt64, "level 9223372036854775807", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.name, r.Name(tt.v))
			assert.Equal(t, tt.has, r.Has(tt.v))
		})
	}
}
