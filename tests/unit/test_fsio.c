/* fsio: the one file reader, temporary files (any number in flight, errno
 * right when creation fails, never named in a message) and file identities. */
#include "base/fsio.h"
#include "harness.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* More guides in flight than the 256-slot table that once held them: the
 * 257th temporary file failed, with a stale errno ("cannot write: Success"). */
static void test_many_temps(const char *dir)
{
    enum { N = 1000 };
    static char *tmps[N];
    char final[PATH_MAX], err[256];
    int created = 0, committed = 0;
    for (int i = 0; i < N; i++) {
        snprintf(final, sizeof final, "%s/g%d.pdf", dir, i);
        tmps[i] = gp_temp_for(final, err, sizeof err);
        created += tmps[i] != NULL;
    }
    CHECK_EQ_INT(created, N);
    for (int i = 0; i < N; i++) {
        snprintf(final, sizeof final, "%s/g%d.pdf", dir, i);
        committed += tmps[i] && gp_commit_file(tmps[i], final, err, sizeof err) && access(final, F_OK) == 0;
        free(tmps[i]);
    }
    CHECK_EQ_INT(committed, N);
}

static void test_temp_errors(const char *dir)
{
    char final[PATH_MAX], err[256] = "";
    snprintf(final, sizeof final, "%s/no-such-folder/g.pdf", dir);
    errno = 0;
    CHECK(gp_temp_for(final, err, sizeof err) == NULL);
    CHECK(strstr(err, "No such file or directory") != NULL);
    CHECK(strstr(err, "Success") == NULL);
    CHECK(strstr(err, ".tmp-") == NULL);

    /* a rename that fails (onto a folder) removes the temporary file and names it nowhere */
    snprintf(final, sizeof final, "%s/a-folder", dir);
    CHECK(mkdir(final, 0755) == 0);
    char *tmp = gp_temp_for(final, err, sizeof err);
    CHECK(tmp != NULL);
    CHECK(tmp && !gp_commit_file(tmp, final, err, sizeof err));
    CHECK(tmp && access(tmp, F_OK) != 0);
    CHECK(strstr(err, ".tmp-") == NULL);
    free(tmp);
    rmdir(final);
}

static void test_file_ids(const char *dir)
{
    char a[PATH_MAX], hard[PATH_MAX], soft[PATH_MAX], other[PATH_MAX], dotted[PATH_MAX];
    snprintf(a, sizeof a, "%s/a.yaml", dir);
    snprintf(hard, sizeof hard, "%s/hard.pdf", dir);
    snprintf(soft, sizeof soft, "%s/soft.pdf", dir);
    snprintf(other, sizeof other, "%s/other.yaml", dir);
    snprintf(dotted, sizeof dotted, "%s/./a.yaml", dir);
    fclose(fopen(a, "w"));
    fclose(fopen(other, "w"));
    CHECK(link(a, hard) == 0);
    CHECK(symlink(a, soft) == 0);
    gp_file_ids s = {0};
    gp_file_ids_add(&s, a, (gp_loc){0});
    gp_file_ids_add(&s, "/no/such/file", (gp_loc){0});
    gp_file_ids_seal(&s);
    CHECK_EQ_INT(s.n, 1);
    gp_file_id id;
    const gp_file_id *found;
    CHECK(gp_file_id_of(hard, &id) && (found = gp_file_ids_find(&s, &id)) && !strcmp(found->path, a));
    CHECK(gp_file_id_of(soft, &id) && gp_file_ids_find(&s, &id));
    CHECK(gp_file_id_of(dotted, &id) && gp_file_ids_find(&s, &id));
    CHECK(gp_file_id_of(other, &id) && !gp_file_ids_find(&s, &id));
    CHECK(!gp_file_id_of("/no/such/file", &id));
    gp_file_ids_free(&s);
}

/* Suffixes are compared within the string, however short (a 5-byte font
 * family once read a byte before it looking for ".woff2"): each string
 * here is a heap block of its own size, which ASan guards. */
static void test_suffixes(void)
{
    static const char *const names[] = {"Inter", "a.yml", ".yaml", "x.YAML", "guide.PDF", "f.woff2", "/"};
    bool ext_pdf[7] = {0, 0, 0, 0, 1, 0, 0}, content[7] = {0, 1, 0, 0, 0, 0, 0};
    for (size_t i = 0; i < 7; i++) {
        char *s = strdup(names[i]);
        CHECK(gp_has_extension(s, ".pdf") == ext_pdf[i]);
        CHECK(gp_is_content_name(s) == content[i]);
        CHECK(gp_has_extension(s, ".woff2") == (i == 5));
        CHECK(!gp_has_suffix(s, "/")); /* nothing before it */
        free(s);
    }
    CHECK(gp_has_suffix("out/", "/") && !gp_has_suffix("x.yaml", ".YAML") && gp_has_extension("x.yaml", ".YAML"));
}

/* Every input (content, season, YAML, images, hyphenation patterns, ICC
 * profile) is read by gp_read_whole: each failure says why, for the
 * caller's own message; a FIFO is refused without waiting for a writer. */
static void test_read_whole(const char *dir)
{
    char path[256], fifo[256], err[256];
    snprintf(path, sizeof path, "%s/seven", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite("seven b", 1, 7, f) == 7);
    if (f)
        fclose(f);
    size_t len = 0;
    gp_read_failure why = {0};
    char *text = gp_read_whole(path, 7, &len, &why);
    CHECK(text && len == 7 && !memcmp(text, "seven b", 8)); /* NUL after the bytes */
    free(text);
    CHECK(!gp_read_whole(path, 6, &len, &why) && why.why == GP_READ_TOO_LARGE);
    snprintf(path, sizeof path, "%s/none", dir);
    CHECK(!gp_read_whole(path, 100, &len, &why) && why.why == GP_READ_CANNOT_OPEN && why.error == ENOENT);
    CHECK(!gp_read_whole(dir, 100, &len, &why) && why.why == GP_READ_NOT_REGULAR && S_ISDIR(why.mode));
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    CHECK(mkfifo(fifo, 0600) == 0);
    CHECK(!gp_read_whole(fifo, 100, &len, &why) && why.why == GP_READ_NOT_REGULAR && S_ISFIFO(why.mode));
    CHECK(!gp_read_file(fifo, 100, &len, err, sizeof err) && strstr(err, "is not a regular file (it is a FIFO)"));
    unlink(fifo);
}

int main(void)
{
    char dir[] = "/tmp/gp-test-fsio-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_suffixes();
    test_many_temps(dir);
    test_temp_errors(dir);
    test_file_ids(dir);
    test_read_whole(dir);
    remove_tree(dir);
    return harness_report();
}
