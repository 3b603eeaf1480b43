"""Where each verdict's evidence is: the first source url of the event that decided it.

``evaluate``'s step that picks, for every commitment, its own first source
url and the url of its evidence, in Arrow: a million urls never become
Python strings. Its own module so that ``evaluate`` reads as its list of
steps.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from ledger.verdicts.arrays import take, take_arrow, text

__all__ = ["source_and_evidence_urls"]


def source_and_evidence_urls(
    commitment_sources: pa.ChunkedArray,
    event_sources: pa.ChunkedArray,
    deciding_event: np.ndarray,
    superseded: np.ndarray,
    successor: np.ndarray,
) -> tuple[pd.api.extensions.ExtensionArray, pd.api.extensions.ExtensionArray]:
    """Each commitment's own first source url, and the url of each verdict's evidence: the first
    source of the event that decided it (none if that event cites none), of its restatement if
    superseded, else of the commitment itself.

    Built in Arrow: a million URLs never become Python strings here.
    ``deciding_event`` is a row of the events table (-1: no event decided).

    >>> source = pa.array([[{"url": "c"}]], pa.list_(pa.struct([("url", pa.string())])))
    >>> event = pa.array([[{"url": "e"}]], source.type)
    >>> [u.tolist() for u in source_and_evidence_urls(source, event, np.array([0]), np.array([False]),
    ...                                                np.array([-1]))]
    [['c'], ['e']]
    """
    commitment_urls, own = _first_source(commitment_sources)
    event_urls, event_first = _first_source(event_sources)
    from_event = take(event_first, deciding_event, -1)
    del event_first
    # An outcome is evidenced by its event's source; where that event cites
    # none, no URL rather than the promise's own, which proves nothing about it.
    # Otherwise the commitment's own source, or its restatement's if superseded.
    from_commitment = np.where(deciding_event >= 0, -1, own)
    restatement = take(own, np.where(superseded, successor, -1), -1)
    from_commitment = np.where(superseded & (restatement >= 0), restatement, from_commitment)
    del restatement
    # The commitments' own urls as one array where they are one chunk: a take from it is a
    # third of the time of one from the chunked column, and gives one array, not chunks to join.
    own_urls = commitment_urls[0] if len(commitment_urls) == 1 else pa.chunked_array(commitment_urls, pa.string())
    # One take from every url, the commitments' then the events', joined: copying them is one
    # memcpy, where a take from each and a coalesce of the two was twice the time (coalescing
    # strings copies them again) for the same bytes.
    every_url = pa.concat_arrays([url for urls in (commitment_urls, event_urls) for url in urls])
    from_event = np.where(from_event >= 0, from_event + sum(len(url) for url in commitment_urls), -1)
    evidence = take_arrow(every_url, np.where(from_commitment >= 0, from_commitment, from_event))
    del from_commitment, from_event, every_url
    if len(commitment_urls) == 1 and len(own_urls) == len(own) and np.array_equal(own, np.arange(len(own))):
        # One source per commitment, in order: the url column is the answer as it is, without a copy.
        source = own_urls
    else:
        source = take_arrow(own_urls, own)
    return text(source), text(evidence)


def _first_source(sources: pa.ChunkedArray | pa.Array) -> tuple[list[pa.Array], np.ndarray]:
    """The url columns of all sources (one per chunk), and where each row's first source sits
    in them counted across chunks (-1: none).

    Chunks are read one by one: joining them would copy every source's url,
    title and quote just to read the offsets.
    """
    chunks = sources.chunks if isinstance(sources, pa.ChunkedArray) else [sources]
    urls, first, base = [], [], 0
    for chunk in chunks:
        # Offsets index the child array directly (also for a sliced array), so the
        # first source of row i sits at offsets[i] whenever the row is not empty.
        offsets = chunk.offsets.to_numpy().astype(np.int64)
        first.append(np.where(offsets[1:] > offsets[:-1], base + offsets[:-1], -1))
        urls.append(chunk.values.field("url"))
        base += len(chunk.values)
    return urls, (np.concatenate(first) if first else np.zeros(0, dtype=np.int64))
