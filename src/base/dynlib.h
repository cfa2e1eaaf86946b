/* Functions of a library opened with dlopen on first need (ICU: linking it
 * costs every process its dynamic linking, though few guides use it). */
#ifndef GP_DYNLIB_H
#define GP_DYNLIB_H

#include <dlfcn.h>
#include <stdbool.h>
#include <string.h>

/* The symbol name of an ICU function: its names carry the version
 * (ubrk_open is a macro for ubrk_open_72), so the macro is expanded first. */
#define GP_ICU_NAME(f) GP_ICU_NAME_OF(f)
#define GP_ICU_NAME_OF(f) #f

/* *fn = the function `name` of lib (or of a library it needs); false if
 * it has none. */
static inline bool gp_find_function(void *lib, const char *name, void *fn)
{
    void *p = dlsym(lib, name);
    memcpy(fn, &p, sizeof p); /* a function pointer from dlsym's object pointer */
    return p != NULL;
}

#endif
