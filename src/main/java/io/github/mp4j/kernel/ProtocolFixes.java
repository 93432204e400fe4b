package io.github.mp4j.kernel;

import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;
import java.util.List;

/**
 * Reply contents that basekernel 2.3.0 gets wrong: its {@code kernel_info_reply} has no
 * {@code status}, and its history reply cannot be serialized as the protocol's tuples by the
 * socket's Gson. Both classes are serialized by basekernel's Gson, field by field.
 */
final class ProtocolFixes {

    private ProtocolFixes() {}

    /** {@code kernel_info_reply} with {@code "status": "ok"}. */
    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // read by Gson
        private final String status = "ok";

        KernelInfo(String protocolVersion, String implementation, String implementationVersion,
                   LanguageInfo language, String banner, List<LanguageInfo.Help> helpLinks) {
            super(protocolVersion, implementation, implementationVersion, language, banner, helpLinks);
        }
    }

    /**
     * {@code history_reply}: {@code history} holds {@code [session, line, input]} or, with output,
     * {@code [session, line, [input, output]]} lists.
     */
    static final class History implements ContentType<History> {
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static final MessageType<History> TYPE = (MessageType) MessageType.HISTORY_REPLY;

        @SuppressWarnings("unused") // read by Gson
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<List<Object>> history;

        History(List<List<Object>> history) {
            this.history = history;
        }

        @Override
        public MessageType<History> getType() {
            return TYPE;
        }
    }
}
