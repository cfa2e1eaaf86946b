/* The PDF 1.5 writer.
 *
 * libharu writes PDF 1.3: every dictionary uncompressed, each stream's
 * length as an object of its own, a 20-byte cross-reference line per
 * object, and it deflates one stream after another. About a fifth of a
 * guide's bytes are that structure. So libharu saves to memory with its
 * compression off, and the file is written again as PDF 1.5 (what
 * `qpdf --object-streams=generate` does): dictionaries and arrays packed
 * into compressed object streams, a compressed cross-reference stream,
 * lengths written in place, and every stream libharu left unfiltered
 * deflated here (on two threads at once for a lone guide).
 *
 * Why a parse-back rather than qpdf's library or our own object writer:
 * deflating is nearly all of the cost, whichever does it; qpdf's library
 * took twice as long and its loading adds 3 ms to every process; our own
 * writer would save at most the parse and part of libharu's serialisation,
 * under 3 M instructions a guide once libharu's byte copies were gone
 * (README, "Speed and size": measured twice).
 *
 * The parser reads only what libharu writes: objects at the offsets its
 * cross-reference table gives, "endobj" closing each, stream data of the
 * length its /Length says between "stream\r\n" and "\nendstream".
 * Anything else makes the rewrite give up, and libharu's bytes are written
 * as they are (still a valid PDF). */
#include "pdf15.h"

#include "base/arena.h"
#include "base/deflate.h"
#include "base/work.h"
#include "pdf/libharu_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OBJECTS_PER_STREAM = 200 };

typedef struct {
    const char *p;
    size_t n;
} span;

/* A growable byte buffer (malloc'd). */
typedef struct {
    char *p;
    size_t n, cap;
} buffer;

static void put(buffer *b, const void *data, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 4096;
        b->p = gp_xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, data, n);
    b->n += n;
}

static void putf(buffer *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(buffer *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* v in decimal and then `after` (no printf: one for each of the file's objects). */
static void put_uint(buffer *b, size_t v, char after)
{
    char digits[24];
    int n = (int)sizeof digits;
    digits[--n] = after;
    do
        digits[--n] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    put(b, digits + n, sizeof digits - (size_t)n);
}

/* ---- reading libharu's file ---- */

typedef struct object {
    bool in_use, is_length; /* is_length: only a stream's /Length refers to it */
    span value;             /* between "obj" and "endobj"; a stream's dictionary */
    span data;              /* a stream's data, as libharu wrote it */
    bool is_stream, compress;
    span length_key;        /* the "/Length ..." entry inside value */
} object;

typedef struct {
    const char *pdf, *xref; /* the file, its cross-reference table */
    size_t size;
    object *objects;
    size_t count;
    span root, info, id; /* trailer entries, as written ("1 0 R", "[ <...> <...> ]") */
} parsed;

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

static span trim(span s)
{
    while (s.n && is_space(s.p[0]))
        s.p++, s.n--;
    while (s.n && is_space(s.p[s.n - 1]))
        s.n--;
    return s;
}

static bool ends_with(span s, const char *word)
{
    size_t k = strlen(word);
    return s.n >= k && memcmp(s.p + s.n - k, word, k) == 0;
}

/* Where `key` ("/Length") starts in s as a whole name, or NULL. */
static const char *find_key(span s, const char *key)
{
    size_t k = strlen(key);
    for (const char *p = s.p; p + k < s.p + s.n; p++) {
        p = memmem(p, (size_t)(s.p + s.n - p), key, k);
        if (!p || p + k >= s.p + s.n)
            return NULL;
        if (is_space(p[k]) || strchr("/[<(", p[k]))
            return p;
    }
    return NULL;
}

/* Reads an unsigned integer at *p (after blanks), moving past it. */
static bool read_uint(const char **p, const char *end, size_t *v)
{
    while (*p < end && is_space(**p))
        (*p)++;
    if (*p >= end || **p < '0' || **p > '9')
        return false;
    size_t x = 0;
    for (; *p < end && **p >= '0' && **p <= '9'; (*p)++) {
        if (x > (SIZE_MAX - 9) / 10)
            return false;
        x = x * 10 + (size_t)(**p - '0');
    }
    *v = x;
    return true;
}

/* The value of a trailer key: a reference "n g R" or an array. */
static span trailer_entry(span trailer, const char *key)
{
    const char *k = find_key(trailer, key);
    if (!k)
        return (span){NULL, 0};
    const char *p = k + strlen(key), *end = trailer.p + trailer.n;
    while (p < end && is_space(*p))
        p++;
    const char *stop = *p == '[' ? memchr(p, ']', (size_t)(end - p)) : memchr(p, 'R', (size_t)(end - p));
    return stop ? (span){p, (size_t)(stop + 1 - p)} : (span){NULL, 0};
}

/* The cross-reference table and trailer at the end of the file. */
static bool read_xref(parsed *f)
{
    const char *tail = f->size > 64 ? f->pdf + f->size - 64 : f->pdf;
    const char *sx = memmem(tail, (size_t)(f->pdf + f->size - tail), "startxref", 9);
    size_t at, first, count;
    if (!sx)
        return false;
    const char *p = sx + 9, *end = f->pdf + f->size;
    if (!read_uint(&p, end, &at) || at + 4 > f->size || memcmp(f->pdf + at, "xref", 4))
        return false;
    f->xref = f->pdf + at;
    p = f->xref + 4;
    if (!read_uint(&p, end, &first) || !read_uint(&p, end, &count) || first != 0 || count < 1 || count > f->size / 20)
        return false;
    while (p < end && is_space(*p) && *p != '0')
        p++;
    if ((size_t)(end - p) < count * 20)
        return false;
    f->objects = gp_xcalloc(count, sizeof *f->objects);
    f->count = count;
    for (size_t i = 0; i < count; i++, p += 20) {
        const char *q = p;
        size_t offset, gen;
        if (!read_uint(&q, p + 20, &offset) || !read_uint(&q, p + 20, &gen) || offset > at)
            return false;
        object *o = &f->objects[i];
        o->in_use = i > 0 && q + 1 < p + 20 && q[1] == 'n';
        if (o->in_use && gen != 0)
            return false;
        o->value = (span){f->pdf + offset, 0};
    }
    span trailer = {p, (size_t)(sx - p)};
    f->root = trailer_entry(trailer, "/Root");
    f->info = trailer_entry(trailer, "/Info");
    f->id = trailer_entry(trailer, "/ID");
    return f->root.p && !find_key(trailer, "/Encrypt");
}

static int by_offset(const void *a, const void *b)
{
    const object *x = *(object *const *)a, *y = *(object *const *)b;
    return (x->value.p > y->value.p) - (x->value.p < y->value.p);
}

/* Each object runs from its offset to the next one's (or the xref table):
 * "n 0 obj", its value, "endobj". */
static bool split_objects(parsed *f)
{
    object **order = gp_xmalloc(f->count * sizeof *order);
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        if (f->objects[i].in_use)
            order[n++] = &f->objects[i];
    qsort(order, n, sizeof *order, by_offset);
    bool ok = true;
    for (size_t k = 0; k < n && ok; k++) {
        object *o = order[k];
        const char *start = o->value.p, *end = k + 1 < n ? order[k + 1]->value.p : f->xref;
        size_t num, gen;
        const char *p = start;
        ok = read_uint(&p, end, &num) && num == (size_t)(o - f->objects) && read_uint(&p, end, &gen) &&
             end - p > 3 && !memcmp(p, " obj", 4);
        span body = trim((span){p + 4, ok ? (size_t)(end - p - 4) : 0});
        ok = ok && ends_with(body, "endobj");
        body.n -= ok ? 6 : 0;
        o->value = trim(body);
        o->is_stream = ok && ends_with(o->value, "endstream");
    }
    free(order);
    return ok;
}

/* A stream: its dictionary, its /Length (direct or an object of its own)
 * and the data that many bytes before "endstream". */
static bool split_stream(parsed *f, object *o)
{
    const char *endstream = o->value.p + o->value.n - 9;
    const char *key = find_key(o->value, "/Length");
    size_t len, ref, gen;
    const char *p = key ? key + 7 : NULL, *end = endstream;
    if (!p || !read_uint(&p, end, &len))
        return false;
    const char *after = p;
    if (read_uint(&after, end, &gen) && after + 1 < end && is_space(after[0]) && after[1] == 'R') {
        ref = len;
        if (ref >= f->count || !f->objects[ref].in_use || f->objects[ref].is_stream)
            return false;
        object *l = &f->objects[ref];
        const char *q = l->value.p;
        if (!read_uint(&q, l->value.p + l->value.n, &len))
            return false;
        l->is_length = true;
        p = after + 2;
    }
    o->length_key = (span){key, (size_t)(p - key)};
    const char *data_end = endstream;
    if (data_end > o->value.p && data_end[-1] == '\n') /* libharu's line end; the data may end in \r */
        data_end--;
    if ((size_t)(data_end - o->value.p) < len + 7)
        return false;
    const char *data = data_end - len;
    size_t eol = data[-1] == '\n' ? (data[-2] == '\r' ? 2 : 1) : 0;
    if (!eol || (size_t)(data - o->value.p) < 6 + eol || memcmp(data - eol - 6, "stream", 6))
        return false;
    o->data = (span){data, len};
    o->value = trim((span){o->value.p, (size_t)(data - eol - 6 - o->value.p)});
    /* XMP stays readable to tools that scan the file for it */
    o->compress = !find_key(o->value, "/Filter") && !find_key(o->value, "/XML");
    return o->length_key.p + o->length_key.n <= o->value.p + o->value.n;
}

static bool parse(parsed *f)
{
    if (!read_xref(f) || !split_objects(f))
        return false;
    for (size_t i = 0; i < f->count; i++)
        if (f->objects[i].is_stream && !split_stream(f, &f->objects[i]))
            return false;
    return true;
}

/* ---- compressing ---- */

/* Data to deflate; jobs are shared out between two threads. */
typedef struct {
    span in;
    buffer out;
} job;

typedef struct {
    job **jobs;
    atomic_bool failed;
} pool;

static void deflate_one(void *arg, size_t i)
{
    pool *p = arg;
    job *j = p->jobs[i];
    j->out.p = (char *)gp_deflate(j->in.p, j->in.n, &j->out.n);
    if (!j->out.n)
        atomic_store(&p->failed, true);
}

static int by_size(const void *a, const void *b)
{
    const job *x = *(job *const *)a, *y = *(job *const *)b;
    return (x->in.n < y->in.n) - (x->in.n > y->in.n);
}

/* Deflates every job, the largest first, on this thread and, if
 * `threaded`, one more. */
static bool deflate_all(job **jobs, size_t count, bool threaded)
{
    pool p = {jobs, false};
    qsort(jobs, count, sizeof *jobs, by_size);
    gp_work w;
    gp_work_start(&w, deflate_one, &p, count, threaded && count > 1 ? 1 : 0, true);
    gp_work_finish(&w);
    return !atomic_load(&p.failed);
}

/* ---- writing PDF 1.5 ---- */

/* Where each object ends up: at an offset, inside an object stream, or free. */
typedef struct {
    enum { FREE, AT_OFFSET, IN_STREAM } kind;
    size_t offset, stream, index;
} location;

/* The objects that go into object streams: all but streams and the
 * length objects no one needs any more. */
static bool packable(const object *o)
{
    return o->in_use && !o->is_stream && !o->is_length;
}

/* An object stream: pairs "number offset", then the objects. */
typedef struct {
    job contents;
    size_t first, count; /* where the objects start; how many */
} object_stream;

/* Packs the objects into streams of up to OBJECTS_PER_STREAM, numbered
 * from f->count on; returns how many. */
static size_t build_object_streams(const parsed *f, location *where, object_stream *streams)
{
    size_t nstreams = 0, count = 0;
    buffer header = {0}, body = {0};
    for (size_t i = 0; i <= f->count; i++) {
        bool last = i == f->count;
        if (!last && packable(&f->objects[i])) {
            where[i] = (location){IN_STREAM, 0, f->count + nstreams, count++};
            put_uint(&header, i, ' '), put_uint(&header, body.n, ' ');
            put(&body, f->objects[i].value.p, f->objects[i].value.n);
            put(&body, "\n", 1);
        }
        if (count && (last || count == OBJECTS_PER_STREAM)) {
            size_t first = header.n;
            put(&header, body.p, body.n);
            streams[nstreams++] = (object_stream){{{header.p, header.n}, {0}}, first, count};
            header = (buffer){0}, body.n = 0, count = 0;
        }
    }
    free(body.p);
    return nstreams;
}

/* A stream's dictionary with its new /Length (and /Filter if deflated here). */
static void put_stream_dict(buffer *out, const object *o, size_t length)
{
    span v = o->value;
    size_t before = (size_t)(o->length_key.p - v.p);
    if (o->compress && v.n >= 2 && !memcmp(v.p, "<<", 2)) {
        put(out, "<</Filter /FlateDecode", 22);
        put(out, v.p + 2, before - 2);
    } else {
        put(out, v.p, before);
    }
    putf(out, "/Length %zu", length);
    const char *rest = o->length_key.p + o->length_key.n;
    put(out, rest, (size_t)(v.p + v.n - rest));
}

static void put_be(buffer *out, size_t v, int bytes)
{
    for (int b = bytes - 1; b >= 0; b--) {
        unsigned char c = (unsigned char)(v >> (8 * b));
        put(out, &c, 1);
    }
}

/* Each row of n bytes as PNG's Up filter has it (filter byte 2, then
 * each byte less the one above it): the columns of a cross-reference
 * stream change little from row to row, and deflate to a third. */
static void up_filter(buffer *rows, size_t n)
{
    size_t count = rows->n / n;
    buffer out = {0};
    for (size_t r = 0; r < count; r++) {
        const unsigned char *row = (const unsigned char *)rows->p + r * n, *above = row - n;
        put(&out, "\2", 1);
        for (size_t k = 0; k < n; k++) {
            unsigned char d = (unsigned char)(row[k] - (r ? above[k] : 0));
            put(&out, &d, 1);
        }
    }
    free(rows->p);
    *rows = out;
}

/* The cross-reference stream: entries [type, offset or stream, index or
 * generation], free objects chained from object 0; offsets as wide as the
 * file needs. */
static bool put_xref_stream(buffer *out, const parsed *f, location *where, size_t size)
{
    size_t self = size - 1;
    where[self] = (location){AT_OFFSET, out->n, 0, 0};
    int wide = 1;
    while (wide < 4 && (out->n >> (8 * wide)) > 0)
        wide++;
    size_t *next_free = gp_xmalloc(size * sizeof *next_free);
    for (size_t i = size, following = 0; i-- > 0;)
        if (where[i].kind == FREE)
            next_free[i] = following, following = i;
    buffer entries = {0};
    for (size_t i = 0; i < size; i++) {
        location l = where[i];
        if (l.kind == FREE)
            put_be(&entries, 0, 1), put_be(&entries, next_free[i], wide), put_be(&entries, i ? 1 : 65535, 2);
        else if (l.kind == AT_OFFSET)
            put_be(&entries, 1, 1), put_be(&entries, l.offset, wide), put_be(&entries, 0, 2);
        else
            put_be(&entries, 2, 1), put_be(&entries, l.stream, wide), put_be(&entries, l.index, 2);
    }
    free(next_free);
    up_filter(&entries, (size_t)wide + 3);
    job j = {{entries.p, entries.n}, {0}}, *jp = &j;
    bool ok = deflate_all(&jp, 1, false);
    putf(out, "%zu 0 obj\n<</Type /XRef /Size %zu /W [1 %d 2] /DecodeParms <</Columns %d /Predictor 12>> /Root %.*s",
         self, size, wide, wide + 3, (int)f->root.n, f->root.p);
    if (f->info.p)
        putf(out, " /Info %.*s", (int)f->info.n, f->info.p);
    if (f->id.p)
        putf(out, " /ID %.*s", (int)f->id.n, f->id.p);
    putf(out, " /Filter /FlateDecode /Length %zu>>\nstream\n", j.out.n);
    put(out, j.out.p, j.out.n);
    put(out, "\nendstream\nendobj\n", 18);
    putf(out, "startxref\n%zu\n%%%%EOF\n", where[self].offset);
    free(entries.p);
    free(j.out.p);
    return ok;
}

/* A stream object's data and its end, after its dictionary. */
static void put_stream_data(buffer *out, span data)
{
    put(out, "\nstream\n", 8);
    put(out, data.p, data.n);
    put(out, "\nendstream\nendobj\n", 18);
}

static span deflated(const job *j)
{
    return (span){j->out.p, j->out.n};
}

/* libharu's file rewritten (see the top of this file); false if it is not
 * what libharu writes. */
static bool rewrite(parsed *f, bool threaded, buffer *out)
{
    if (!parse(f))
        return false;
    size_t max_streams = f->count / OBJECTS_PER_STREAM + 1;
    location *where = gp_xcalloc(f->count + max_streams + 1, sizeof *where);
    object_stream *packed = gp_xcalloc(max_streams, sizeof *packed);
    job *own = gp_xcalloc(f->count, sizeof *own); /* the streams libharu left unfiltered */
    job **jobs = gp_xcalloc(f->count + max_streams, sizeof *jobs);
    size_t npacked = build_object_streams(f, where, packed), njobs = 0;
    for (size_t i = 0; i < npacked; i++)
        jobs[njobs++] = &packed[i].contents;
    for (size_t i = 0; i < f->count; i++)
        if (f->objects[i].is_stream && f->objects[i].compress)
            own[i].in = f->objects[i].data, jobs[njobs++] = &own[i];
    bool ok = deflate_all(jobs, njobs, threaded);
    put(out, "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", 15);
    for (size_t i = 0; ok && i < f->count; i++) {
        const object *o = &f->objects[i];
        if (!o->is_stream)
            continue;
        span data = o->compress ? deflated(&own[i]) : o->data;
        where[i] = (location){AT_OFFSET, out->n, 0, 0};
        putf(out, "%zu 0 obj\n", i);
        put_stream_dict(out, o, data.n);
        put_stream_data(out, data);
    }
    for (size_t i = 0; ok && i < npacked; i++) {
        const object_stream *p = &packed[i];
        where[f->count + i] = (location){AT_OFFSET, out->n, 0, 0};
        putf(out, "%zu 0 obj\n<</Type /ObjStm /N %zu /First %zu /Filter /FlateDecode /Length %zu>>", f->count + i,
             p->count, p->first, p->contents.out.n);
        put_stream_data(out, deflated(&p->contents));
    }
    ok = ok && out->n < UINT32_MAX && put_xref_stream(out, f, where, f->count + npacked + 1);
    for (size_t i = 0; i < f->count; i++)
        free(own[i].out.p);
    for (size_t i = 0; i < npacked; i++)
        free((char *)packed[i].contents.in.p), free(packed[i].contents.out.p);
    free(own), free(jobs), free(packed), free(where);
    return ok;
}

bool gp_pdf15_rewrite(const char *pdf, size_t size, bool threaded, char **out, size_t *out_size)
{
    parsed f = {.pdf = pdf, .size = size};
    buffer b = {0};
    bool ok = rewrite(&f, threaded, &b);
    free(f.objects);
    if (!ok)
        free(b.p);
    *out = ok ? b.p : NULL;
    *out_size = ok ? b.n : 0;
    return ok;
}

bool gp_pdf15_save(HPDF_Doc pdf, const char *path, bool threaded, char *err, size_t errlen)
{
    size_t size;
    char *bytes = gp_hpdf_saved_bytes(pdf, &size);
    if (!bytes) {
        snprintf(err, errlen, "the PDF library could not save the document");
        return false;
    }
    char *compact;
    size_t compact_size;
    span file = gp_pdf15_rewrite(bytes, size, threaded, &compact, &compact_size) ? (span){compact, compact_size}
                                                                      : (span){bytes, size};
    /* the file exists (a temporary one); never create it again after an
     * interrupt has removed it */
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!fp && fd >= 0)
        close(fd);
    bool ok = fp && fwrite(file.p, 1, file.n, fp) == file.n;
    ok = (fp && fclose(fp) == 0) && ok;
    if (!ok)
        snprintf(err, errlen, "cannot write the guide (%s)", strerror(errno)); /* reported at path */
    if (file.p == compact)
        free(compact);
    free(bytes);
    return ok;
}
