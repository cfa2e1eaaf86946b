/* Images already validated in this process, by content: a season of
 * guides often shares a logo or poster, and a PNG's full decode is the
 * costliest check there is. */
#include "image_int.h"

#include "hash.h"

#include <pthread.h>

enum { VALID_MEMO = 64 };
static struct valid_memo {
    uint64_t hash;
    size_t len;
    gp_image_info info;
} valid_memo[VALID_MEMO];
static size_t valid_count, valid_next;
static pthread_mutex_t valid_lock = PTHREAD_MUTEX_INITIALIZER;

uint64_t image_content_hash(const blob *b)
{
    return gp_fnv1a(GP_FNV1A_BASIS, b->data, b->len);
}

bool image_memo_find(uint64_t h, size_t len, gp_image_info *info)
{
    bool found = false;
    pthread_mutex_lock(&valid_lock);
    for (size_t i = 0; i < valid_count && !found; i++)
        if (valid_memo[i].hash == h && valid_memo[i].len == len) {
            *info = valid_memo[i].info;
            found = true;
        }
    pthread_mutex_unlock(&valid_lock);
    return found;
}

void image_memo_add(uint64_t h, size_t len, const gp_image_info *info)
{
    pthread_mutex_lock(&valid_lock);
    valid_memo[valid_next++ % VALID_MEMO] = (struct valid_memo){h, len, *info};
    if (valid_count < VALID_MEMO)
        valid_count++;
    pthread_mutex_unlock(&valid_lock);
}
