/* The process's heap: how the memory a guide touches is kept and made. */
#ifndef GP_HEAP_H
#define GP_HEAP_H

#include <stdbool.h>

/* Called first in main, before anything is allocated for a guide: grows
 * the heap by the pages a guide's main thread will touch first. */
void gp_heap_prepare(void);
/* Makes the next 64 KiB of those pages (faults them in), for the main
 * thread while it would only wait; false once all are made. */
bool gp_heap_make_next(void);

#endif
