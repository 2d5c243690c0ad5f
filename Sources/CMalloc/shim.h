// glibc malloc tuning (mallopt); part of libc, so nothing extra is linked.
#include <malloc.h>
