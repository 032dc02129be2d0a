package dev.engram.split;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class S3NotificationTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void decodesKeysWithSpacesUnicodeAndReservedCharacters() throws Exception {
        var body = json.readTree("""
                {"Records":[
                 {"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",
                  "s3":{"bucket":{"name":"b"},"object":{"key":"drop/alice/Q1+notes+%C3%BC%2B%26.md","size":12,
                  "eTag":"abc","sequencer":"0A1"}}},
                 {"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:CompleteMultipartUpload",
                  "s3":{"bucket":{"name":"b"},"object":{"key":"uploads/bob/tsk_1/big.pdf","size":99}}},
                 {"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectRemoved:Delete",
                  "s3":{"bucket":{"name":"b"},"object":{"key":"drop/alice/old.md"}}}
                ]}""");
        var objects = S3Notification.createdObjects(body);
        assertThat(objects).hasSize(2);
        assertThat(objects.get(0).key()).isEqualTo("drop/alice/Q1 notes ü+&.md");
        assertThat(objects.get(0).size()).isEqualTo(12);
        assertThat(objects.get(1).key()).isEqualTo("uploads/bob/tsk_1/big.pdf");
    }

    @Test
    void testEventsAreRecognisedAndCarryNoObjects() throws Exception {
        var body = json.readTree("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"b\"}");
        assertThat(S3Notification.matches(body)).isTrue();
        assertThat(S3Notification.createdObjects(body)).isEmpty();
    }

    @Test
    void theSameObjectVersionAlwaysHasTheSameIdentity() {
        var a = new S3Notification.CreatedObject("b", "drop/a/x.md", 1, "e1", "s1");
        var b = new S3Notification.CreatedObject("b", "drop/a/x.md", 1, "e1", "s1");
        var changed = new S3Notification.CreatedObject("b", "drop/a/x.md", 2, "e2", "s2");
        assertThat(a.versionKey()).isEqualTo(b.versionKey()).isNotEqualTo(changed.versionKey());
    }
}
