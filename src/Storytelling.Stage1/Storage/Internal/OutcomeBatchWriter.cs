using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Storytelling.Cleaning.Duplicates;

namespace Storytelling.Stage1.Storage.Internal;

/// <summary>
/// Writes one batch of outcomes in one transaction (ADR 7): lock the band keys of its documents, read what is
/// already stored, decide duplicates, insert with <c>ON CONFLICT (job_id, line) DO NOTHING</c>, then add the rows
/// actually inserted to the job counters. A fixed number of round trips whatever the batch size.
/// </summary>
internal sealed class OutcomeBatchWriter(NpgsqlDataSource dataSource, MinHasher minHasher)
{
    public async Task<OutcomeBatchResult> WriteAsync(IReadOnlyList<DocumentOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var work = Prepare(outcomes);
        if (work.Count == 0)
        {
            return new OutcomeBatchResult([], []);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await LockBandKeysAsync(connection, transaction, work, cancellationToken);
        var stored = await ReadStoredAsync(connection, transaction, work, cancellationToken);

        // Documents already stored (a redelivery) keep their stored match; the rest are compared with what is stored.
        var newDocuments = work.Where(o => o.Document is not null && !stored.Documents.ContainsKey((o.JobId, o.Line))).ToList();
        var resolver = await LoadEarlierDocumentsAsync(connection, transaction, newDocuments, cancellationToken);
        var decided = new Dictionary<(string JobId, long Line), DuplicateMatch?>();
        foreach (var outcome in newDocuments)
        {
            decided[(outcome.JobId, outcome.Line)] =
                resolver.Resolve(outcome.DocumentId, outcome.Document!.ContentHash, outcome.Signature!, outcome.BandKeys!);
        }

        var newRejections = work.Where(o => o.Rejection is not null && !stored.Rejections.Contains((o.JobId, o.Line))).ToList();
        var inserted = await InsertAsync(connection, transaction, newDocuments, newRejections, decided, cancellationToken);

        // Believed new but not inserted: another writer stored the same line meanwhile from a differently cleaned text
        // (other band keys, so the locks did not order the two). Report what is stored.
        var lost = newDocuments.Where(o => !inserted.Contains((o.JobId, o.Line))).ToList();
        if (lost.Count > 0)
        {
            foreach (var (key, match) in await ReadStoredMatchesAsync(connection, transaction, lost, cancellationToken))
            {
                decided[key] = match;
            }
        }

        var progress = await AddToCountersAsync(connection, transaction, work, inserted, decided, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var results = outcomes.Select(o =>
        {
            var key = (o.JobId, o.Line);
            var match = o.Document is null
                ? null
                : decided.TryGetValue(key, out var decision) ? decision : stored.Documents.GetValueOrDefault(key);
            return new WrittenOutcome(o.JobId, o.Line, o.DocumentId, false, match);
        }).ToList();

        // Only the first occurrence of a (job, line) in the list can have been inserted.
        var firstSeen = new HashSet<(string, long)>();
        for (var i = 0; i < results.Count; i++)
        {
            var key = (results[i].JobId, results[i].Line);
            if (firstSeen.Add(key) && inserted.Contains(key))
            {
                results[i] = results[i] with { Inserted = true };
            }
        }

        return new OutcomeBatchResult(results, progress);
    }

    /// <summary>Checks every outcome, keeps the first of each (job, line), in (job, line) order: the order locks are taken and rows stored.</summary>
    private List<DocumentOutcome> Prepare(IReadOnlyList<DocumentOutcome> outcomes)
    {
        var unique = new Dictionary<(string, long), DocumentOutcome>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i] ?? throw new ArgumentException($"Outcome {i} of the batch is null.", nameof(outcomes));
            if (outcome.Document is not null
                && (outcome.Signature!.Length != minHasher.Options.Permutations || outcome.BandKeys!.Length != minHasher.Bands))
            {
                throw new ArgumentException(
                    $"The outcome of job {outcome.JobId} line {outcome.Line} has a signature of {outcome.Signature.Length} values and " +
                    $"{outcome.BandKeys!.Length} band keys, but the store compares {minHasher.Options.Permutations} values in " +
                    $"{minHasher.Bands} bands (minhash_permutations, lsh_bands): worker and store must use the same settings.",
                    nameof(outcomes));
            }

            unique.TryAdd((outcome.JobId, outcome.Line), outcome);
        }

        return [.. unique.Values.OrderBy(o => o.JobId, StringComparer.Ordinal).ThenBy(o => o.Line)];
    }

    /// <summary>
    /// Locks one <c>minhash_band_locks</c> row per distinct (band, key), in ascending order so two writers cannot deadlock.
    /// A writer of a near-duplicate shares a band key and so waits until this transaction has committed, then sees its documents.
    /// </summary>
    private static async Task LockBandKeysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<DocumentOutcome> work, CancellationToken cancellationToken)
    {
        var keys = work
            .Where(o => o.BandKeys is not null)
            .SelectMany(o => o.BandKeys!.Select((key, band) => (Band: (short)band, Key: key)))
            .Distinct()
            .Order()
            .ToList();
        if (keys.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO stage1.minhash_band_locks (band, key)
            SELECT u.band, u.key FROM unnest(@bands::smallint[], @keys::bigint[]) AS u(band, key)
            ORDER BY u.band, u.key
            ON CONFLICT (band, key) DO UPDATE SET key = EXCLUDED.key WHERE false
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<short[]>("bands", [.. keys.Select(k => k.Band)]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("keys", [.. keys.Select(k => k.Key)]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Checks that the jobs exist and finds the outcomes already stored.</summary>
    private static async Task<StoredState> ReadStoredAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<DocumentOutcome> work, CancellationToken cancellationToken)
    {
        var cleaned = work.Where(o => o.Document is not null).ToList();
        var rejected = work.Where(o => o.Rejection is not null).ToList();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(
            "SELECT id FROM stage1.jobs WHERE id = ANY(@jobs::text[])",
            new NpgsqlParameter<string[]>("jobs", [.. work.Select(o => PostgresText.Clean(o.JobId)).Distinct(StringComparer.Ordinal)])));
        batch.BatchCommands.Add(Command(
            """
            SELECT d.job_id, d.line, d.duplicate_group, d.duplicate_kind, d.duplicate_of, d.duplicate_similarity
            FROM unnest(@jobs::text[], @lines::bigint[]) AS k(job_id, line)
            JOIN stage1.documents d ON d.job_id = k.job_id AND d.line = k.line
            """,
            new NpgsqlParameter<string[]>("jobs", [.. cleaned.Select(o => PostgresText.Clean(o.JobId))]),
            new NpgsqlParameter<long[]>("lines", [.. cleaned.Select(o => o.Line)])));
        batch.BatchCommands.Add(Command(
            """
            SELECT r.job_id, r.line
            FROM unnest(@jobs::text[], @lines::bigint[]) AS k(job_id, line)
            JOIN stage1.rejections r ON r.job_id = k.job_id AND r.line = k.line
            """,
            new NpgsqlParameter<string[]>("jobs", [.. rejected.Select(o => PostgresText.Clean(o.JobId))]),
            new NpgsqlParameter<long[]>("lines", [.. rejected.Select(o => o.Line)])));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var jobs = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(reader.GetString(0));
        }

        var missing = work.Select(o => o.JobId).Distinct(StringComparer.Ordinal).Where(id => !jobs.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            var lines = work.Where(o => !jobs.Contains(o.JobId)).Take(5).Select(o => $"{o.JobId} line {o.Line}");
            throw new InvalidOperationException(
                $"Outcomes name jobs that stage1.jobs does not hold: {string.Join(", ", missing)} (e.g. {string.Join("; ", lines)}). " +
                "A job must be created before its outcomes are written; nothing of this batch was stored.");
        }

        await reader.NextResultAsync(cancellationToken);
        var documents = new Dictionary<(string, long), DuplicateMatch?>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents[(reader.GetString(0), reader.GetInt64(1))] = ReadMatch(reader, 2);
        }

        await reader.NextResultAsync(cancellationToken);
        var rejections = new HashSet<(string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rejections.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return new StoredState(documents, rejections);
    }

    /// <summary>
    /// Loads the stored documents the new ones could repeat: the earliest per content hash, and those sharing a
    /// (band, key). Read after the band keys are locked, so every committed near-duplicate writer is visible.
    /// </summary>
    private async Task<DuplicateResolver> LoadEarlierDocumentsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<DocumentOutcome> documents, CancellationToken cancellationToken)
    {
        var resolver = new DuplicateResolver(minHasher);
        if (documents.Count == 0)
        {
            return resolver;
        }

        var bandPairs = documents
            .SelectMany(o => o.BandKeys!.Select((key, band) => (Band: (short)band, Key: key)))
            .Distinct()
            .ToList();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(
            """
            SELECT DISTINCT ON (content_hash) content_hash, document_id, duplicate_group, seq
            FROM stage1.documents
            WHERE content_hash = ANY(@hashes::text[])
            ORDER BY content_hash, seq
            """,
            new NpgsqlParameter<string[]>("hashes", [.. documents.Select(o => PostgresText.Clean(o.Document!.ContentHash)).Distinct(StringComparer.Ordinal)])));
        batch.BatchCommands.Add(Command(
            """
            WITH hits AS (
                SELECT b.band, b.key, b.job_id, b.line
                FROM unnest(@bands::smallint[], @keys::bigint[]) AS q(band, key)
                JOIN stage1.minhash_bands b ON b.band = q.band AND b.key = q.key
            )
            SELECT d.job_id, d.line, d.seq, d.document_id, d.duplicate_group, d.signature,
                   array_agg(h.band ORDER BY h.band), array_agg(h.key ORDER BY h.band)
            FROM hits h
            JOIN stage1.documents d ON d.job_id = h.job_id AND d.line = h.line
            GROUP BY d.job_id, d.line
            """,
            new NpgsqlParameter<short[]>("bands", [.. bandPairs.Select(p => p.Band)]),
            new NpgsqlParameter<long[]>("keys", [.. bandPairs.Select(p => p.Key)])));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            resolver.AddStoredHash(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var jobId = reader.GetString(0);
            var line = reader.GetInt64(1);
            resolver.AddStoredCandidate(
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt64(2),
                SignatureBytes.Decode(reader.GetFieldValue<byte[]>(5), minHasher.Options.Permutations, jobId, line),
                reader.GetFieldValue<short[]>(6),
                reader.GetFieldValue<long[]>(7));
        }

        return resolver;
    }

    /// <summary>Inserts the new documents (with their band keys, unless an exact duplicate) and rejections; returns the (job, line) of every row inserted.</summary>
    private static async Task<HashSet<(string, long)>> InsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        List<DocumentOutcome> documents,
        List<DocumentOutcome> rejections,
        Dictionary<(string JobId, long Line), DuplicateMatch?> decided,
        CancellationToken cancellationToken)
    {
        var inserted = new HashSet<(string, long)>();
        if (documents.Count == 0 && rejections.Count == 0)
        {
            return inserted;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        if (documents.Count > 0)
        {
            batch.BatchCommands.Add(InsertDocuments(documents, decided));
            batch.BatchCommands.Add(InsertBands(documents, decided));
        }

        if (rejections.Count > 0)
        {
            batch.BatchCommands.Add(InsertRejections(rejections));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return inserted;
    }

    private static NpgsqlBatchCommand InsertDocuments(List<DocumentOutcome> documents, Dictionary<(string JobId, long Line), DuplicateMatch?> decided)
    {
        var matches = documents.Select(o => decided[(o.JobId, o.Line)]).ToList();
        return Command(
            """
            INSERT INTO stage1.documents (
                job_id, line, document_id, batch_id, title, text, language, detected_language, language_confidence,
                language_disagrees, content_hash, authors, published_at, published_at_raw, date_flags, source, url,
                content_field, boilerplate_ratio, repairs, character_count, signature,
                duplicate_group, duplicate_kind, duplicate_of, duplicate_similarity)
            SELECT u.job_id, u.line, u.document_id, u.batch_id, u.title, u.text, u.language, u.detected_language,
                   u.language_confidence, u.language_disagrees, u.content_hash,
                   ARRAY(SELECT jsonb_array_elements_text(u.authors)), u.published_at, u.published_at_raw,
                   ARRAY(SELECT jsonb_array_elements_text(u.date_flags)), u.source, u.url, u.content_field,
                   u.boilerplate_ratio, ARRAY(SELECT jsonb_array_elements_text(u.repairs)), u.character_count, u.signature,
                   u.duplicate_group, u.duplicate_kind, u.duplicate_of, u.duplicate_similarity
            FROM unnest(
                @job_ids::text[], @lines::bigint[], @document_ids::text[], @batch_ids::text[], @titles::text[],
                @texts::text[], @languages::text[], @detected_languages::text[], @language_confidences::float8[],
                @language_disagrees::boolean[], @content_hashes::text[], @authors::jsonb[], @published_ats::timestamptz[],
                @published_at_raws::text[], @date_flags::jsonb[], @sources::text[], @urls::text[], @content_fields::text[],
                @boilerplate_ratios::float8[], @repairs::jsonb[], @character_counts::integer[], @signatures::bytea[],
                @duplicate_groups::text[], @duplicate_kinds::text[], @duplicate_ofs::text[], @duplicate_similarities::real[])
                WITH ORDINALITY AS u(
                    job_id, line, document_id, batch_id, title, text, language, detected_language, language_confidence,
                    language_disagrees, content_hash, authors, published_at, published_at_raw, date_flags, source, url,
                    content_field, boilerplate_ratio, repairs, character_count, signature,
                    duplicate_group, duplicate_kind, duplicate_of, duplicate_similarity, ord)
            ORDER BY u.ord
            ON CONFLICT (job_id, line) DO NOTHING
            RETURNING job_id, line
            """,
            new NpgsqlParameter<string[]>("job_ids", [.. documents.Select(o => PostgresText.Clean(o.JobId))]),
            new NpgsqlParameter<long[]>("lines", [.. documents.Select(o => o.Line)]),
            new NpgsqlParameter<string[]>("document_ids", [.. documents.Select(o => PostgresText.Clean(o.DocumentId))]),
            new NpgsqlParameter<string[]>("batch_ids", [.. documents.Select(o => PostgresText.Clean(o.BatchId))]),
            new NpgsqlParameter<string?[]>("titles", [.. documents.Select(o => PostgresText.Clean(o.Document!.Title))]),
            new NpgsqlParameter<string[]>("texts", [.. documents.Select(o => PostgresText.Clean(o.Document!.Text))]),
            new NpgsqlParameter<string[]>("languages", [.. documents.Select(o => PostgresText.Clean(o.Document!.Language))]),
            new NpgsqlParameter<string[]>("detected_languages", [.. documents.Select(o => PostgresText.Clean(o.Document!.DetectedLanguage))]),
            new NpgsqlParameter<double[]>("language_confidences", [.. documents.Select(o => o.Document!.LanguageConfidence)]),
            new NpgsqlParameter<bool[]>("language_disagrees", [.. documents.Select(o => o.Document!.LanguageDisagrees)]),
            new NpgsqlParameter<string[]>("content_hashes", [.. documents.Select(o => PostgresText.Clean(o.Document!.ContentHash))]),
            JsonArrays("authors", documents.Select(o => o.Document!.Authors)),
            // The type is explicit: inferred from the first element, a null first makes Npgsql pick 'timestamp' and refuse UTC values after it.
            new NpgsqlParameter<DateTime?[]>("published_ats", [.. documents.Select(o => o.Document!.PublishedAt?.UtcDateTime)])
            {
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            },
            new NpgsqlParameter<string?[]>("published_at_raws", [.. documents.Select(o => PostgresText.Clean(o.Document!.PublishedAtRaw))]),
            JsonArrays("date_flags", documents.Select(o => o.Document!.DateFlags)),
            new NpgsqlParameter<string?[]>("sources", [.. documents.Select(o => PostgresText.Clean(o.Document!.Source))]),
            new NpgsqlParameter<string?[]>("urls", [.. documents.Select(o => PostgresText.Clean(o.Document!.Url))]),
            new NpgsqlParameter<string[]>("content_fields", [.. documents.Select(o => PostgresText.Clean(StoredNames.Of(o.Document!.ContentField)))]),
            new NpgsqlParameter<double[]>("boilerplate_ratios", [.. documents.Select(o => o.Document!.BoilerplateRatio)]),
            JsonArrays("repairs", documents.Select(o => o.Document!.Repairs)),
            new NpgsqlParameter<int[]>("character_counts", [.. documents.Select(o => o.Document!.CharacterCount)]),
            new NpgsqlParameter<byte[][]>("signatures", [.. documents.Select(o => SignatureBytes.Encode(o.Signature!))]),
            new NpgsqlParameter<string?[]>("duplicate_groups", [.. matches.Select(m => PostgresText.Clean(m?.GroupId))]),
            new NpgsqlParameter<string?[]>("duplicate_kinds", [.. matches.Select(m => PostgresText.Clean(m is null ? null : StoredNames.Of(m.Kind)))]),
            new NpgsqlParameter<string?[]>("duplicate_ofs", [.. matches.Select(m => PostgresText.Clean(m?.MatchedDocumentId))]),
            new NpgsqlParameter<float?[]>("duplicate_similarities", [.. matches.Select(m => (float?)m?.Similarity)]));
    }

    /// <summary>
    /// The band keys of the new documents, except exact duplicates (their original's keys are the same). A document
    /// another writer stored meanwhile has the same (job, line) and text, so its keys are right for it too.
    /// </summary>
    private static NpgsqlBatchCommand InsertBands(List<DocumentOutcome> documents, Dictionary<(string JobId, long Line), DuplicateMatch?> decided)
    {
        var bands = documents
            .Where(o => decided[(o.JobId, o.Line)] is not { Kind: DuplicateKind.Exact })
            .SelectMany(o => o.BandKeys!.Select((key, band) => (Band: (short)band, Key: key, o.JobId, o.Line)))
            .ToList();
        return Command(
            """
            INSERT INTO stage1.minhash_bands (band, key, job_id, line)
            SELECT b.band, b.key, b.job_id, b.line
            FROM unnest(@bands::smallint[], @keys::bigint[], @job_ids::text[], @lines::bigint[]) AS b(band, key, job_id, line)
            ON CONFLICT DO NOTHING
            """,
            new NpgsqlParameter<short[]>("bands", [.. bands.Select(b => b.Band)]),
            new NpgsqlParameter<long[]>("keys", [.. bands.Select(b => b.Key)]),
            new NpgsqlParameter<string[]>("job_ids", [.. bands.Select(b => PostgresText.Clean(b.JobId))]),
            new NpgsqlParameter<long[]>("lines", [.. bands.Select(b => b.Line)]));
    }

    private static NpgsqlBatchCommand InsertRejections(List<DocumentOutcome> rejections) => Command(
        """
        INSERT INTO stage1.rejections (job_id, line, stage, code, reason, excerpt, document_id)
        SELECT u.job_id, u.line, 'cleaning', u.code, u.reason, u.excerpt, u.document_id
        FROM unnest(@job_ids::text[], @lines::bigint[], @codes::text[], @reasons::text[], @excerpts::text[], @document_ids::text[])
            WITH ORDINALITY AS u(job_id, line, code, reason, excerpt, document_id, ord)
        ORDER BY u.ord
        ON CONFLICT (job_id, line) DO NOTHING
        RETURNING job_id, line
        """,
        new NpgsqlParameter<string[]>("job_ids", [.. rejections.Select(o => PostgresText.Clean(o.JobId))]),
        new NpgsqlParameter<long[]>("lines", [.. rejections.Select(o => o.Line)]),
        new NpgsqlParameter<string[]>("codes", [.. rejections.Select(o => PostgresText.Clean(o.Rejection!.Code))]),
        new NpgsqlParameter<string[]>("reasons", [.. rejections.Select(o => PostgresText.Clean(o.Rejection!.Reason))]),
        new NpgsqlParameter<string?[]>("excerpts", [.. rejections.Select(o => PostgresText.Clean(o.Rejection!.Excerpt))]),
        new NpgsqlParameter<string[]>("document_ids", [.. rejections.Select(o => PostgresText.Clean(o.DocumentId))]));

    private static async Task<Dictionary<(string, long), DuplicateMatch?>> ReadStoredMatchesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<DocumentOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT d.job_id, d.line, d.duplicate_group, d.duplicate_kind, d.duplicate_of, d.duplicate_similarity
            FROM unnest(@jobs::text[], @lines::bigint[]) AS k(job_id, line)
            JOIN stage1.documents d ON d.job_id = k.job_id AND d.line = k.line
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("jobs", [.. outcomes.Select(o => PostgresText.Clean(o.JobId))]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("lines", [.. outcomes.Select(o => o.Line)]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var matches = new Dictionary<(string, long), DuplicateMatch?>();
        while (await reader.ReadAsync(cancellationToken))
        {
            matches[(reader.GetString(0), reader.GetInt64(1))] = ReadMatch(reader, 2);
        }

        return matches;
    }

    /// <summary>Adds the inserted rows to the job counters (job rows locked in id order) and reads every touched job's progress.</summary>
    private static async Task<List<JobProgress>> AddToCountersAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        List<DocumentOutcome> work,
        HashSet<(string, long)> inserted,
        Dictionary<(string JobId, long Line), DuplicateMatch?> decided,
        CancellationToken cancellationToken)
    {
        var increments = work
            .Where(o => inserted.Contains((o.JobId, o.Line)))
            .GroupBy(o => o.JobId, StringComparer.Ordinal)
            .Select(g => (
                JobId: g.Key,
                Cleaned: (long)g.Count(o => o.Document is not null),
                Rejected: (long)g.Count(o => o.Rejection is not null),
                Duplicates: (long)g.Count(o => o.Document is not null && decided[(o.JobId, o.Line)] is not null)))
            .OrderBy(i => i.JobId, StringComparer.Ordinal)
            .ToList();
        var touched = work.Select(o => o.JobId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

        await using var batch = new NpgsqlBatch(connection, transaction);
        if (increments.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                "SELECT id FROM stage1.jobs WHERE id = ANY(@ids::text[]) ORDER BY id FOR NO KEY UPDATE",
                new NpgsqlParameter<string[]>("ids", [.. increments.Select(i => PostgresText.Clean(i.JobId))])));
            batch.BatchCommands.Add(Command(
                """
                UPDATE stage1.jobs j
                SET cleaned = j.cleaned + u.cleaned, rejected = j.rejected + u.rejected, duplicates = j.duplicates + u.duplicates
                FROM unnest(@ids::text[], @cleaned::bigint[], @rejected::bigint[], @duplicates::bigint[]) AS u(id, cleaned, rejected, duplicates)
                WHERE j.id = u.id
                """,
                new NpgsqlParameter<string[]>("ids", [.. increments.Select(i => PostgresText.Clean(i.JobId))]),
                new NpgsqlParameter<long[]>("cleaned", [.. increments.Select(i => i.Cleaned)]),
                new NpgsqlParameter<long[]>("rejected", [.. increments.Select(i => i.Rejected)]),
                new NpgsqlParameter<long[]>("duplicates", [.. increments.Select(i => i.Duplicates)])));
        }

        batch.BatchCommands.Add(Command(
            $"SELECT {JobColumns.Progress} FROM stage1.jobs WHERE id = ANY(@ids::text[]) ORDER BY id",
            new NpgsqlParameter<string[]>("ids", touched)));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (increments.Count > 0)
        {
            await reader.NextResultAsync(cancellationToken); // past the row locks
        }

        var progress = new List<JobProgress>(touched.Length);
        while (await reader.ReadAsync(cancellationToken))
        {
            progress.Add(JobColumns.ReadProgress(reader));
        }

        return progress;
    }

    private static DuplicateMatch? ReadMatch(NpgsqlDataReader reader, int offset) =>
        reader.IsDBNull(offset)
            ? null
            : new DuplicateMatch(
                reader.GetString(offset),
                reader.GetString(offset + 2),
                StoredNames.ParseDuplicateKind(reader.GetString(offset + 1)),
                reader.GetFloat(offset + 3));

    private static NpgsqlParameter<string[]> JsonArrays(string name, IEnumerable<IReadOnlyList<string>> lists) =>
        new(name, [.. lists.Select(list => JsonSerializer.Serialize(list.Select(PostgresText.Clean)))]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private sealed record StoredState(Dictionary<(string, long), DuplicateMatch?> Documents, HashSet<(string, long)> Rejections);
}
