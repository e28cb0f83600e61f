# The exception tag that longjmp throws (setjmp/longjmp over WebAssembly exception handling);
# zig's wasi-libc uses it but does not define it.
	.tagtype __c_longjmp i32
	.globl __c_longjmp
__c_longjmp:
