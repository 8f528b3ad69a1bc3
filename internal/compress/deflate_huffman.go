package compress

import "slices"

// huffman computes length-limited Huffman code lengths. Its slices are
// scratch space kept between calls.
type huffman struct {
	items  []uint64 // frequency<<9 | symbol of each used symbol, ascending
	tmp    []uint64 // radix sort buffer
	a      []int32  // Moffat–Katajainen work array, then the code lengths
	weight []int64  // package-merge: the current list's weights
	next   []int64  // package-merge: the list being built
	leaf   []bool   // package-merge: whether each item of each list is a leaf
	ends   []int32  // package-merge: where each list ends in leaf
}

// symbolBits is the number of bits the symbol takes in huffman.items.
const symbolBits = 9

// build sets lengths[s] to the length of the code of symbol s in an optimal
// prefix code for the frequencies freq with no code longer than maxBits;
// unused symbols get 0, and a single used symbol gets 1 (RFC 1951 allows one
// distance code of one bit). len(lengths) is len(freq); the frequencies
// sum to less than 2³¹ (a block has at most maxOptimized+1 symbols).
func (h *huffman) build(freq []int32, lengths []uint8, maxBits int) {
	clear(lengths)
	items, most := h.items[:0], int32(0)
	for s, f := range freq {
		if f > 0 {
			items = append(items, uint64(f)<<symbolBits|uint64(s))
			most = max(most, f)
		}
	}
	h.items = items
	switch len(items) {
	case 0:
		return
	case 1:
		lengths[items[0]&(1<<symbolBits-1)] = 1
		return
	}
	h.sort(most)
	items = h.items
	a := append(h.a[:0], make([]int32, len(items))...)
	for i, it := range items {
		a[i] = int32(it >> symbolBits)
	}
	h.a = a
	moffatKatajainen(a)
	if int(a[0]) > maxBits { // a[0] is the rarest symbol: the longest code
		h.packageMerge(maxBits)
	}
	for i, it := range items {
		lengths[it&(1<<symbolBits-1)] = uint8(h.a[i])
	}
}

// sort sorts h.items, built in symbol order, by frequency and then symbol.
// most is the highest frequency: below 256 one stable counting pass on the
// frequency does, below 65536 two; above, or for few items, comparisons.
func (h *huffman) sort(most int32) {
	items := h.items
	if most >= 1<<16 || len(items) < 32 {
		slices.Sort(items)
		return
	}
	tmp := resize(h.tmp, len(items))
	passes := 1
	if most >= 1<<8 {
		passes = 2
	}
	for p := range passes {
		shift := uint(symbolBits + 8*p)
		var count [256]int32
		for _, x := range items {
			count[(x>>shift)&0xff]++
		}
		sum := int32(0)
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, x := range items {
			k := (x >> shift) & 0xff
			tmp[count[k]] = x
			count[k]++
		}
		items, tmp = tmp, items
	}
	h.items, h.tmp = items, tmp
}

// moffatKatajainen replaces the ascending weights a (at least two) with the
// code lengths of an optimal prefix code for them, in place (Moffat and
// Katajainen, "In-place calculation of minimum-redundancy codes", 1995).
func moffatKatajainen(a []int32) {
	n := len(a)
	// Phase 1: build the tree; internal node weights, then parent indices.
	a[0] += a[1]
	root, leaf := 0, 2
	for next := 1; next < n-1; next++ {
		if leaf >= n || a[root] < a[leaf] {
			a[next] = a[root]
			a[root] = int32(next)
			root++
		} else {
			a[next] = a[leaf]
			leaf++
		}
		if leaf >= n || (root < next && a[root] < a[leaf]) {
			a[next] += a[root]
			a[root] = int32(next)
			root++
		} else {
			a[next] += a[leaf]
			leaf++
		}
	}
	// Phase 2: depths of the internal nodes.
	a[n-2] = 0
	for next := n - 3; next >= 0; next-- {
		a[next] = a[a[next]] + 1
	}
	// Phase 3: depths of the leaves.
	avail, used, depth := 1, 0, int32(0)
	root, next := n-2, n-1
	for avail > 0 {
		for root >= 0 && a[root] == depth {
			used++
			root--
		}
		for avail > used {
			a[next] = depth
			next--
			avail--
		}
		avail, used = 2*used, 0
		depth++
	}
}

// packageMerge sets h.a to the optimal code lengths, none above maxBits, of
// the ascending frequencies in h.items (Larmore and Hirschberg's
// package-merge). The lists are built from the deepest level up; list l
// merges the leaves with the pairs ("packages") of list l+1. The 2n-2
// lightest items of the top list are the solution: the selected part of
// each list is a prefix, and a leaf's code length is the number of lists
// in whose selected prefix it lies.
func (h *huffman) packageMerge(maxBits int) {
	n := len(h.items)
	h.weight, h.next = h.weight[:0], h.next[:0]
	h.leaf, h.ends = h.leaf[:0], h.ends[:0]
	for _, it := range h.items {
		h.weight = append(h.weight, int64(it>>symbolBits))
		h.leaf = append(h.leaf, true)
	}
	h.ends = append(h.ends, int32(len(h.leaf)))
	for range maxBits - 1 {
		next, li := h.next[:0], 0
		for p := 0; p+1 < len(h.weight) || li < n; {
			var pw int64 = -1
			if p+1 < len(h.weight) {
				pw = h.weight[p] + h.weight[p+1]
			}
			if li < n && (pw < 0 || int64(h.items[li]>>symbolBits) <= pw) {
				next = append(next, int64(h.items[li]>>symbolBits))
				h.leaf = append(h.leaf, true)
				li++
			} else {
				next = append(next, pw)
				h.leaf = append(h.leaf, false)
				p += 2
			}
		}
		h.weight, h.next = next, h.weight
		h.ends = append(h.ends, int32(len(h.leaf)))
	}
	clear(h.a)
	selected := 2*n - 2
	for l := maxBits - 1; l >= 0 && selected > 0; l-- { // from the top list down
		start := 0
		if l > 0 {
			start = int(h.ends[l-1])
		}
		leaves := 0
		for _, isLeaf := range h.leaf[start : start+selected] {
			if isLeaf {
				leaves++
			}
		}
		for i := range leaves {
			h.a[i]++
		}
		selected = 2 * (selected - leaves)
	}
}
