#ifndef SAFETYCODE_CGLIBCEXTRAS_SHIM_H
#define SAFETYCODE_CGLIBCEXTRAS_SHIM_H
// What Swift's Glibc module leaves out: the allocator's settings (mallopt), and starting a
// file's writeback early (sync_file_range, a GNU extension its headers declare only under
// _GNU_SOURCE, so declared here as glibc has it).
#include <malloc.h>
#include <sys/types.h>

extern int sync_file_range(int fd, off_t offset, off_t count, unsigned int flags);

/// sync_file_range's flag that starts writing out dirty pages in the range and does not wait.
#define SAFETYCODE_SYNC_FILE_RANGE_WRITE 2
#endif
