/* Image validation: every PNG and JPEG is checked here before libharu sees it.
 *
 * libharu 2.3.0 hands PNGs to libpng without a setjmp, so a truncated or
 * corrupt PNG ends the whole process; it cannot load interlaced PNGs at all;
 * and it copies JPEG bytes into the PDF without looking, so a truncated JPEG
 * becomes a broken page. So a file is read into memory (image_read.c) and
 * checked by its format's walk (image_png.c, image_jpeg.c); a PNG's rows,
 * the costly part, are decoded on a thread of their own when the caller
 * has other work to do, and an image that passed is remembered for the
 * process (image_memo.c). */
#include "image_int.h"

#include "arena.h"
#include "work.h"

#include <pthread.h>

#include <stdint.h>
#include <stdlib.h>

/* A probe, perhaps with a PNG's rows still being decoded on another thread. */
struct gp_image_probe_job {
    blob b;
    uint64_t hash;
    gp_image_info info;
    pthread_t thread;
    bool rows_checked, running, ok;
    char err[160];
};

static void *check_rows_thread(void *arg)
{
    gp_image_probe_job *job = arg;
    job->ok = image_png_check_rows(&job->b, job->err, sizeof job->err);
    return NULL;
}

/* Reads and checks the file up to a PNG's rows, which are then decoded
 * here or, if `background`, on a thread of their own. NULL on failure. */
static gp_image_probe_job *start(const char *path, gp_image_info *out, char *err, size_t errlen, bool background)
{
    gp_image_probe_job *job = gp_xcalloc(1, sizeof *job);
    bool ok = image_read_file(path, &job->b, err, errlen);
    if (ok) {
        job->hash = image_content_hash(&job->b);
        if (image_memo_find(job->hash, job->b.len, &job->info))
            ok = true;
        else if (image_is_png(&job->b))
            ok = job->rows_checked = image_png_structure(&job->b, &job->info, err, errlen);
        else if (image_is_jpeg(&job->b))
            ok = image_jpeg_structure(&job->b, &job->info, err, errlen);
        else
            ok = image_not_an_image(&job->b, err, errlen);
    }
    if (!ok) {
        free(job->b.data);
        free(job);
        return NULL;
    }
    job->ok = true;
    if (job->rows_checked && !(background && (job->running = gp_side_thread(&job->thread, check_rows_thread, job) == 0)))
        job->ok = image_png_check_rows(&job->b, job->err, sizeof job->err);
    if (out)
        *out = job->info;
    return job;
}

bool gp_image_probe_finish(gp_image_probe_job *job, char *err, size_t errlen)
{
    if (job->running)
        pthread_join(job->thread, NULL);
    bool ok = job->ok;
    if (ok && job->rows_checked)
        image_memo_add(job->hash, job->b.len, &job->info);
    if (!ok)
        image_fail(err, errlen, "%s", job->err);
    free(job->b.data);
    free(job);
    return ok;
}

gp_image_probe_job *gp_image_probe_start(const char *path, gp_image_info *out, char *err, size_t errlen)
{
    return start(path, out, err, errlen, true);
}

bool gp_image_probe(const char *path, gp_image_info *out, char *err, size_t errlen)
{
    gp_image_probe_job *job = start(path, out, err, errlen, false);
    return job && gp_image_probe_finish(job, err, errlen);
}
