"""The in-memory size of a config's rows, `Dataset.from_list(rows, features).data.nbytes`, counted
batch by batch.

`datasets` reports it as the config's `num_bytes` and `dataset_size` (in the card), and sizes the
parquet row groups from it, so the streaming build must count exactly what the in-memory build
counted. Two things make that more than a sum over batches:

- `pyarrow`'s `nbytes` counts an array's buffers: its validity bitmap (one bit a value, rounded up
  to whole bytes; counted only when the array has nulls, and never for a struct), its offsets
  (4 bytes a value) for strings and lists, its data, and its children's. The rounding of a bitmap
  does not add up over batches: it is counted again for the whole column.
- `Dataset.from_list` infers each column's arrow type from the Python values and then casts it to
  the features (`datasets.table.cast_array_to_feature`). The cast rebuilds a struct from its
  members flattened (a member is null wherever the struct is null), so the member gets a bitmap
  it did not have. It always does so for a top-level struct column; inside a list it keeps the
  cast only when the inferred type differed from the declared one, which happens when some member
  in the list has no value at all in the whole column (inferred as the null type). Which layout
  the column has is therefore decided at the end, from counts kept for both.

The batches measured here are the streaming build's own (`batches.py`, laid out as
`pyarrow.array` lays out the declared type: a null struct's members hold placeholder values); a
test compares the result with `Dataset.from_list` on corpora that have null structs, members that
are always null, and many batches.
"""

from __future__ import annotations

import pyarrow as pa


class ArrowSize:
    """Counts for one column or nested member, added batch by batch."""

    def __init__(self, data_type: pa.DataType) -> None:
        self.type = data_type
        self.length = 0
        self.nulls = 0
        """Values that are null in this array."""
        self.hidden = 0
        """Values that are null, or whose enclosing struct (up to the nearest list) is: what the
        inference sees as missing."""
        self.data = 0
        """Bytes other than the validity bitmap and the offsets."""
        self.struct = pa.types.is_struct(data_type)
        self.list = pa.types.is_list(data_type)
        self.offsets = self.list or pa.types.is_string(data_type)
        if self.struct:
            self.children = [ArrowSize(field.type) for field in data_type]
        elif self.list:
            self.children = [ArrowSize(data_type.value_type)]
        else:
            self.children = []
        if not (self.children or self.offsets or pa.types.is_primitive(data_type)):
            raise TypeError(f"no size accounting for {data_type}")
        if pa.types.is_boolean(data_type):
            raise TypeError("booleans pack into bits: no size accounting for them")

    def add(self, array: pa.Array, hidden_above: int = 0) -> None:
        """Count one batch's array (unsliced); `hidden_above`: values hidden by an enclosing struct."""
        if array.offset:
            raise ValueError("sizes are counted on unsliced arrays")
        self.length += len(array)
        self.nulls += array.null_count
        # A null struct's members hold placeholders, never nulls: the two counts do not overlap.
        hidden = array.null_count + hidden_above
        self.hidden += hidden
        if self.struct:
            children = [array.field(index) for index in range(self.type.num_fields)]
        elif self.list:
            children = [array.values]
        else:
            children = []
        own = array.nbytes - sum(child.nbytes for child in children)
        if array.buffers()[0] is not None and not self.struct:
            own -= _bitmap_bytes(len(array))
        if self.offsets:
            own -= 4 * len(array)
        if own < 0 or (self.struct and own):
            raise RuntimeError(f"pyarrow counts the bytes of {self.type} in an unexpected way")
        self.data += own
        for size, child in zip(self.children, children, strict=True):
            size.add(child, hidden if self.struct else 0)

    def merge(self, other: ArrowSize) -> None:
        """Add the counts of the batches that follow."""
        self.length += other.length
        self.nulls += other.nulls
        self.hidden += other.hidden
        self.data += other.data
        for child, theirs in zip(self.children, other.children, strict=True):
            child.merge(theirs)

    @property
    def nbytes(self) -> int:
        """`nbytes` of the whole column as `Dataset.from_list` lays it out."""
        return self._nbytes(cast=True, masked=False)

    def _nbytes(self, *, cast: bool, masked: bool) -> int:
        """`cast`: the cast's result is kept here; `masked`: an enclosing struct, flattened by
        the cast, has nulls."""
        nulls = self.nulls > 0 or (cast and masked)
        total = self.data + (4 * self.length if self.offsets else 0)
        if nulls and not self.struct:
            total += _bitmap_bytes(self.length)
        if self.struct:
            inner_masked = cast and (masked or self.nulls > 0)
            return total + sum(
                child._nbytes(cast=cast, masked=inner_masked) for child in self.children
            )
        if self.list:
            (values,) = self.children
            return total + values._nbytes(cast=cast and values._inferred_differently(), masked=False)
        return total

    def _inferred_differently(self) -> bool:
        """Whether type inference gives this array (list values) another type than declared: some
        member never has a value, and is inferred as the null type."""
        return self.hidden == self.length or any(
            child._inferred_differently() for child in self.children
        )


def _bitmap_bytes(length: int) -> int:
    return (length + 7) // 8
