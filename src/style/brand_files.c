/* The files a loaded brand reads: for checking a run's outputs against its
 * inputs, and for --watch. */
#include "brand.h"

void gp_brand_files(const gp_brand *b, gp_named_file_fn *fn, void *ctx)
{
    const gp_loc command_line = {0};
    if (b->path)
        fn(ctx, b->path, command_line);
    if (b->logo)
        fn(ctx, b->logo->path, b->logo_loc);
    for (int r = 0; r < GP_ROLE_COUNT; r++)
        for (int f = 0; f < GP_FACE_COUNT; f++)
            if (b->fonts[r].faces[f].path)
                fn(ctx, b->fonts[r].faces[f].path, b->fonts[r].faces[f].loc);
    for (size_t i = 0; i < b->nfallback; i++)
        if (b->fallback[i].path)
            fn(ctx, b->fallback[i].path, b->fallback[i].loc);
}
