import timeit


def benchmark(snippet, repeat=1):
    return timeit.timeit(snippet, number=repeat)
