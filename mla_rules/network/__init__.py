"""Questions over the whole network of States: the matrix, what-if diffs, the timeline and the
gap.
"""
