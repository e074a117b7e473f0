import timeit


def benchmark(size, repeat=1):
    return timeit.timeit("sorted(range(%d))" % int(size), number=repeat)
