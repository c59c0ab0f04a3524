"""The parse's matrix products: numpy's OpenBLAS, held to one thread while it parses."""

from ashraf_kg.extract.blas import one_blas_thread, openblas_threads
from ashraf_kg.extract.nlp import load_pipeline


def test_numpys_openblas_is_found_among_the_loaded_libraries():
    assert openblas_threads()


def test_openblas_runs_one_thread_inside_the_block_and_as_before_after_it():
    controls = openblas_threads()
    before = [get() for get, _ in controls]
    try:
        for _, put in controls:
            put(2)
        with one_blas_thread():
            assert [get() for get, _ in controls] == [1] * len(controls)
        assert [get() for get, _ in controls] == [2] * len(controls)
    finally:
        for (_, put), count in zip(controls, before, strict=True):
            put(count)


def test_the_pipeline_multiplies_through_numpy_not_blis():
    tok2vec = load_pipeline().get_pipe("tok2vec").model
    assert {node.ops.use_blis for node in tok2vec.walk()} == {False}
