/* tape.c: the answers a snapshot was built from, kept on disk */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fdio.h"
#include "log.h"
#include "tape.h"
#include "xmalloc.h"

/*
 * The file: MAGIC, the time it was read (8 bytes), then per result the
 * statement's name, the column count, the row count, the column names and
 * the values row by row, each a length (4 bytes; -1 for NULL) and bytes;
 * last, an FNV-1a hash of everything before it.  Numbers little-endian.
 * Statement names, not numbers: a tape from another version that asks
 * otherwise is refused at the first difference.
 */
#define MAGIC		"lantern tape 1\n"
#define MAGIC_LEN	(sizeof(MAGIC) - 1)
/* A tape larger than this is not something this program wrote. */
#define TAPE_MAX	(1024u * 1024 * 1024)

struct tape {
	unsigned char	*data;
	size_t		 len, cap, pos;
	int		 spoiled;
};

struct tape *
tape_new(void)
{
	return xcalloc(1, sizeof(struct tape));
}

void
tape_free(struct tape *t)
{
	if (t == NULL)
		return;
	free(t->data);
	free(t);
}

static void
put(struct tape *t, const void *p, size_t n)
{
	size_t		 cap;

	if (t->spoiled)
		return;
	if (t->len + n > t->cap) {
		for (cap = t->cap ? t->cap : 65536; cap < t->len + n; cap *= 2)
			continue;
		if (cap > TAPE_MAX) {
			t->spoiled = 1;
			return;
		}
		t->data = xrealloc(t->data, cap);
		t->cap = cap;
	}
	memcpy(t->data + t->len, p, n);
	t->len += n;
}

static void
put_u64(struct tape *t, uint64_t v)
{
	unsigned char	b[8];
	int		i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	put(t, b, 8);
}

static void
put_i32(struct tape *t, int32_t v)
{
	uint32_t	u = (uint32_t)v;
	unsigned char	b[4] = { (unsigned char)u, (unsigned char)(u >> 8),
			    (unsigned char)(u >> 16), (unsigned char)(u >> 24) };

	put(t, b, 4);
}

static void
put_bytes(struct tape *t, const char *s, int32_t n)
{
	put_i32(t, n);
	if (n > 0)
		put(t, s, (size_t)n);
}

void
tape_record(struct tape *t, const char *stmt, const PGresult *res)
{
	int	r, c, rows = PQntuples(res), cols = PQnfields(res);

	if (t == NULL)
		return;
	put_bytes(t, stmt, (int32_t)strlen(stmt));
	put_i32(t, cols);
	put_i32(t, rows);
	for (c = 0; c < cols; c++)
		put_bytes(t, PQfname(res, c), (int32_t)strlen(PQfname(res, c)));
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++)
			put_bytes(t, PQgetvalue(res, r, c),
			    PQgetisnull(res, r, c) ? -1 : PQgetlength(res, r, c));
}

#define FNV_BASIS	0xcbf29ce484222325ULL

static uint64_t
fnv1a(uint64_t h, const unsigned char *p, size_t n)
{
	while (n-- > 0)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}


/* Makes the rename itself durable: the directory's entry is data too. */
static int
sync_dir(const char *path)
{
	char	*copy = xstrdup(path);
	int	 fd, r = -1;

	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		r = fsync(fd);
		close(fd);
	}
	free(copy);
	return r;
}

int
tape_save(const struct tape *t, const char *path, time_t built)
{
	struct tape	 head = { 0 }, tail = { 0 };
	char		 tmp[4096];
	int		 fd = -1, r = -1;

	if (t->spoiled) {
		log_warnx("snapshot file: the snapshot is too large to keep");
		return -1;
	}
	put(&head, MAGIC, MAGIC_LEN);
	put_u64(&head, (uint64_t)built);
	put_u64(&tail, fnv1a(fnv1a(FNV_BASIS, head.data, head.len), t->data,
	    t->len));
	if (head.spoiled || tail.spoiled ||
	    snprintf(tmp, sizeof(tmp), "%s.new", path) >= (int)sizeof(tmp))
		goto done;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) == -1 ||
	    fd_write_all(fd, head.data, head.len) == -1 ||
	    fd_write_all(fd, t->data, t->len) == -1 ||
	    fd_write_all(fd, tail.data, tail.len) == -1 || fsync(fd) == -1)
		goto done;
	r = close(fd);
	fd = -1;
	if (r == -1 || rename(tmp, path) == -1 || sync_dir(path) == -1) {
		r = -1;
		goto done;
	}
	r = 0;
done:
	if (r == -1) {
		log_warnx("snapshot file %s: %s", path, strerror(errno));
		unlink(tmp);
	}
	if (fd != -1)
		close(fd);
	free(head.data);
	free(tail.data);
	return r;
}

struct tape *
tape_load(const char *path, time_t *built)
{
	struct tape	*t = NULL;
	unsigned char	*data = NULL;
	FILE		*f;
	long		 size;
	uint64_t	 sum = 0;
	int		 i;

	if ((f = fopen(path, "rb")) == NULL) {
		log_warnx("snapshot file %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == -1 || (size = ftell(f)) < 0 ||
	    (size_t)size < MAGIC_LEN + 16 || (size_t)size > TAPE_MAX ||
	    fseek(f, 0, SEEK_SET) == -1)
		goto bad;
	data = xmalloc((size_t)size);
	if (fread(data, 1, (size_t)size, f) != (size_t)size)
		goto bad;
	for (i = 0; i < 8; i++)
		sum |= (uint64_t)data[size - 8 + i] << (8 * i);
	if (memcmp(data, MAGIC, MAGIC_LEN) != 0 ||
	    fnv1a(FNV_BASIS, data, (size_t)size - 8) != sum)
		goto bad;
	t = tape_new();
	*built = 0;
	for (i = 0; i < 8; i++)
		*built |= (time_t)data[MAGIC_LEN + i] << (8 * i);
	t->data = data;
	t->len = (size_t)size - 8;
	t->cap = (size_t)size;
	t->pos = MAGIC_LEN + 8;
	fclose(f);
	return t;
bad:
	log_warnx("snapshot file %s: not a snapshot this program wrote, or "
	    "damaged", path);
	free(data);
	fclose(f);
	return NULL;
}

/* The next number; -2 when the tape ends first. */
static int32_t
take_i32(struct tape *t)
{
	uint32_t	u = 0;
	int		i;

	if (t->len - t->pos < 4)
		return -2;
	for (i = 0; i < 4; i++)
		u |= (uint32_t)t->data[t->pos + i] << (8 * i);
	t->pos += 4;
	return (int32_t)u < -1 ? -2 : (int32_t)u;
}

/* The next length-prefixed field (-1: NULL); -2 when the tape ends first. */
static int32_t
take(struct tape *t, const char **bytes)
{
	int32_t	n = take_i32(t);

	*bytes = (const char *)t->data + t->pos;
	if (n > 0 && (size_t)n > t->len - t->pos)
		return -2;
	if (n > 0)
		t->pos += (size_t)n;
	return n;
}

PGresult *
tape_play(struct tape *t, const char *stmt)
{
	PGresult		*res = NULL;
	PGresAttDesc		*cols = NULL;
	const char		*p;
	int32_t			 n, ncols, nrows, r, c;

	if ((n = take(t, &p)) < 0 || (size_t)n != strlen(stmt) ||
	    memcmp(p, stmt, (size_t)n) != 0)
		goto bad;
	ncols = take_i32(t);
	nrows = take_i32(t);
	if (ncols < 0 || nrows < 0 ||
	    (cols = calloc((size_t)ncols + 1, sizeof(*cols))) == NULL ||
	    (res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK)) == NULL)
		goto bad;
	for (c = 0; c < ncols; c++) {
		if ((n = take(t, &p)) < 0)
			goto bad;
		cols[c].name = PQresultAlloc(res, (size_t)n + 1);
		if (cols[c].name == NULL)
			goto bad;
		memcpy(cols[c].name, p, (size_t)n);
		cols[c].name[n] = '\0';
		cols[c].format = 0;
		cols[c].typlen = -1;
		cols[c].atttypmod = -1;
	}
	if (!PQsetResultAttrs(res, ncols, cols))
		goto bad;
	for (r = 0; r < nrows; r++)
		for (c = 0; c < ncols; c++) {
			if ((n = take(t, &p)) == -2 ||
			    !PQsetvalue(res, r, c, (char *)p, n))
				goto bad;
		}
	free(cols);
	return res;
bad:
	log_warnx("snapshot file: it does not fit this version's reading of "
	    "the database (at %s)", stmt);
	free(cols);
	PQclear(res);
	return NULL;
}
