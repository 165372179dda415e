// Early writeback for AtomicFile: Linux's sync_file_range(2), which glibc declares only under
// _GNU_SOURCE (so Swift's Glibc module lacks it). Elsewhere a no-op: fsync at commit does the work.
#ifndef NMFVIZ_CWRITEBACK_H
#define NMFVIZ_CWRITEBACK_H
#include <stdint.h>
/* Starts writing the dirty pages of [offset, offset + count) to the disk without waiting for them;
   returns 0, or -1 with errno set (ignored by the caller: it is only a hint). */
int nmfviz_start_writeback(int fd, int64_t offset, int64_t count);
#endif
