/* The process's heap: how the memory a guide touches is kept and made. */
#ifndef GP_HEAP_H
#define GP_HEAP_H

/* Called first in main, before anything is allocated for a guide. */
void gp_heap_prepare(void);

#endif
