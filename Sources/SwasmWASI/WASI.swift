// WASI preview1 layer (in progress).
