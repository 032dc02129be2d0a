package dev.engram.ingest;

import dev.engram.extract.ExtractSettings;
import dev.engram.platform.aws.BlobStore;
import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.errors.Unavailable;
import dev.engram.progress.GroupStore;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Bulk extraction: many texts, chat messages and stored files as one group with its own progress. Every item is
 * validated before any job starts, so a bad item refuses the whole request instead of half of it; a failure while
 * the group is recorded undoes it (nothing was queued), and once it is recorded every job is queued or failed with
 * the reason, so no job of a group waits forever.
 */
@ApplicationScoped
class BulkService {

    static final int MAX_ITEMS = 100;
    private static final Logger LOG = Logger.getLogger(BulkService.class);

    private final JobStore jobs;
    private final GroupStore groups;
    private final BlobStore blobs;
    private final IngestService ingest;
    private final ExtractSettings settings;
    private final StoredMessages messages;

    BulkService(JobStore jobs, GroupStore groups, BlobStore blobs, IngestService ingest, ExtractSettings settings,
            StoredMessages messages) {
        this.messages = messages;
        this.jobs = jobs;
        this.groups = groups;
        this.blobs = blobs;
        this.ingest = ingest;
        this.settings = settings;
    }

    private record Planned(String source, String sourceId, String text, Job storedInput) {
    }

    public BulkAnswer submit(String userId, BulkRequest request) {
        if (request == null || request.items() == null || request.items().isEmpty()) {
            throw Invalid.field("items", "at least one item is required");
        }
        if (request.items().size() > MAX_ITEMS) {
            throw Invalid.field("items", "at most " + MAX_ITEMS + " per request");
        }
        var check = TextSubmission.validate(new ExtractRequest("-", null, null, request.extractTypes(),
                request.autoSave(), true, request.referenceDate(), request.timezone()), settings.maxTextChars());
        JobOptions options = check.options();
        List<String> errors = new ArrayList<>();
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < request.items().size(); i++) {
            planned.add(plan(userId, i, request.items().get(i), errors));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        String groupId = "grp_" + JobIds.newBody();
        List<Job> created = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        try {
            for (Planned p : planned) {
                String taskId = JobIds.taskId(JobIds.newBody());
                Job job;
                if (p.storedInput() != null) {
                    Job from = p.storedInput();
                    job = Job.accepted(taskId, userId, from.source(), from.sourceId(), from.inputKey(),
                            from.contentType(), options);
                } else {
                    String key = "inputs/" + userId + "/" + taskId + ".txt";
                    blobs.put(key, p.text().getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8",
                            Map.of("user-id", userId, "task-id", taskId, "group-id", groupId));
                    stored.add(key);
                    job = Job.accepted(taskId, userId, p.source(), p.sourceId(), key, "text/plain", options);
                }
                jobs.create(job);
                created.add(job);
            }
            groups.create(new GroupStore.Group(groupId, userId, created.stream().map(Job::taskId).toList(),
                    Instant.now()));
        } catch (RuntimeException e) {
            // Nothing was queued yet: undone, the request never happened, and a retry starts afresh.
            LOG.warnf(e, "bulk request of %s could not be recorded at item %d of %d; undoing it", userId,
                    created.size() + 1, planned.size());
            undo(created, stored);
            throw new Unavailable("the bulk request could not be recorded; nothing of it was started, "
                    + "please retry");
        }
        // The group exists from here on: each of its jobs is queued or, when the queue refuses it, failed with the
        // reason (by enqueue), so the group always finishes and none of its jobs waits forever.
        List<Job> answered = new ArrayList<>();
        int queued = 0;
        for (Job job : created) {
            try {
                ingest.enqueue(job);
                queued++;
                answered.add(job);
            } catch (RuntimeException e) {
                answered.add(jobs.find(job.taskId()).orElse(job));
            }
        }
        if (queued == 0) {
            throw new Unavailable("the extraction queue is not reachable; every job of group " + groupId
                    + " failed with the reason, please retry");
        }
        return answer(groupId, answered);
    }

    private void undo(List<Job> created, List<String> stored) {
        for (Job job : created) {
            try {
                jobs.delete(job.taskId());
            } catch (RuntimeException e) {
                // Not queued, so it would wait forever: at least make it say why.
                LOG.warnf("could not remove job %s of a bulk request that failed: %s", job.taskId(), e.getMessage());
                jobs.fail(job.taskId(), "the bulk request it belonged to failed before it was accepted");
            }
        }
        for (String key : stored) {
            try {
                blobs.delete(key);
            } catch (RuntimeException e) {
                LOG.warnf("could not remove input %s of a bulk request that failed: %s", key, e.getMessage());
            }
        }
    }

    public BulkAnswer progress(String userId, String groupId) {
        var group = groups.findOwned(groupId, userId).orElseThrow(() -> new NotFound("group " + groupId));
        return answer(groupId, groups.jobsOf(group));
    }

    private Planned plan(String userId, int index, BulkRequest.Item item, List<String> errors) {
        String at = "items[" + index + "]";
        if (item == null || item.type() == null) {
            errors.add(at + ".type: one of text, message, file");
            return null;
        }
        switch (item.type()) {
            case "message" -> {
                if (item.text() == null && item.id() != null) {
                    String content = storedMessage(userId, item.id());
                    if (content == null) {
                        errors.add(at + ".id: no chat message of yours with that id that still has its content");
                    }
                    return new Planned("chat", item.id(), content, null);
                }
                return typed(at, item, errors);
            }
            case "text" -> {
                return typed(at, item, errors);
            }
            case "file" -> {
                Job stored = storedFile(userId, item.id());
                if (stored == null) {
                    errors.add(at + ".id: no stored file of yours with that task id or drop-folder key");
                }
                return new Planned(null, null, null, stored);
            }
            default -> {
                errors.add(at + ".type: one of text, message, file");
                return null;
            }
        }
    }

    /** A text item, or a message item that brings its text (its id, if any, is the one in the source system). */
    private Planned typed(String at, BulkRequest.Item item, List<String> errors) {
        if (item.text() == null || item.text().isBlank() || item.text().length() > settings.maxTextChars()) {
            errors.add(at + ".text: 1 to " + settings.maxTextChars() + " characters");
            return null;
        }
        return item.type().equals("text") ? new Planned("manual", item.id(), item.text(), null)
                : new Planned("chat", item.id(), item.text(), null);
    }

    /**
     * A message item without text names one of the caller's stored chat messages by id: its content, or null when
     * the caller has no such message with content (another user's message is not named, nor is its content shown).
     */
    private String storedMessage(String userId, String id) {
        UUID key;
        try {
            key = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return messages.content(userId, key).filter(c -> !c.isBlank()).orElse(null);
    }

    /** A file item's input: an earlier job's stored object, or an object in the caller's drop folder. */
    private Job storedFile(String userId, String id) {
        if (id == null) {
            return null;
        }
        if (JobIds.isTaskId(id)) {
            return jobs.findOwned(id, userId).filter(j -> j.inputKey() != null && blobs.head(j.inputKey())
                    .isPresent()).orElse(null);
        }
        if (id.startsWith("drop/" + userId + "/") && !id.contains("/../") && blobs.head(id).isPresent()) {
            return Job.accepted(JobIds.taskId(JobIds.newBody()), userId, "drop:" + id, id, id, null,
                    JobOptions.defaults());
        }
        return null;
    }

    private static BulkAnswer answer(String groupId, List<Job> jobs) {
        int completed = 0;
        int failed = 0;
        int running = 0;
        int progress = 0;
        List<BulkAnswer.ItemJob> items = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            progress += j.progressPercent();
            if (j.state() == JobState.COMPLETED || j.state() == JobState.COMPLETED_WITH_ERRORS) {
                completed++;
            } else if (j.state().finished()) {
                failed++;
            } else {
                running++;
            }
            items.add(new BulkAnswer.ItemJob(i, j.taskId(), j.extractionId(), j.state().wire(), j.progressPercent(),
                    j.error()));
        }
        String status = running > 0 ? "processing" : failed == 0 ? "completed"
                : completed == 0 ? "failed" : "completed_with_errors";
        return new BulkAnswer(groupId, status, jobs.isEmpty() ? 100 : progress / jobs.size(), jobs.size(),
                completed, failed, items);
    }
}
