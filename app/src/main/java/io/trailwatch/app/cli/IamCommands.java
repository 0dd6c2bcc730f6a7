package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trailwatch's users, access keys and policies, with the names, flags and output of {@code aws iam}: each calls
 * the API ({@code /v1/users/...}) signed with the caller's key, so only a user allowed {@code iam:*} actions
 * manages them, and each call is on the trail.
 */
public final class IamCommands {

    private IamCommands() {
    }

    static String user(final String name) {
        return "/v1/users/" + ApiCall.segment(name);
    }

    @Command(name = "create-user", mixinStandardHelpOptions = true, description = "Create a user (as aws iam create-user).")
    public static final class CreateUser extends DefinitionCommand {
        @Option(names = "--user-name", required = true, paramLabel = "NAME") String userName;

        @Override
        public Integer call() {
            return post(user(userName), null, true);
        }
    }

    @Command(name = "delete-user", mixinStandardHelpOptions = true,
        description = "Delete a user without keys or policies (as aws iam delete-user).")
    public static final class DeleteUser extends DefinitionCommand {
        @Option(names = "--user-name", required = true, paramLabel = "NAME") String userName;

        @Override
        public Integer call() {
            return delete(user(userName));
        }
    }

    @Command(name = "list-users", mixinStandardHelpOptions = true, description = "List users (as aws iam list-users).")
    public static final class ListUsers extends DefinitionCommand {
        @Override
        public Integer call() {
            return get("/v1/users");
        }
    }

    @Command(name = "create-access-key", mixinStandardHelpOptions = true, description = {"Create an access key for "
        + "a user (as aws iam create-access-key). The answer is the only time the secret is shown."})
    public static final class CreateAccessKey extends DefinitionCommand {
        @Option(names = "--user-name", required = true, paramLabel = "NAME") String userName;

        @Override
        public Integer call() {
            return post(user(userName) + "/access-keys", null, true);
        }
    }

    @Command(name = "list-access-keys", mixinStandardHelpOptions = true,
        description = "List a user's access keys, without secrets (as aws iam list-access-keys).")
    public static final class ListAccessKeys extends DefinitionCommand {
        @Option(names = "--user-name", required = true, paramLabel = "NAME") String userName;

        @Override
        public Integer call() {
            return get(user(userName) + "/access-keys");
        }
    }

    @Command(name = "delete-access-key", mixinStandardHelpOptions = true,
        description = "Delete an access key (as aws iam delete-access-key).")
    public static final class DeleteAccessKey extends DefinitionCommand {
        @Option(names = "--user-name", required = true, paramLabel = "NAME") String userName;
        @Option(names = "--access-key-id", required = true, paramLabel = "ID") String accessKeyId;

        @Override
        public Integer call() {
            return delete(user(userName) + "/access-keys/" + ApiCall.segment(accessKeyId));
        }
    }

    @Command(name = "put-user-policy", mixinStandardHelpOptions = true, description = {"Add or replace an inline "
        + "policy of a user (as aws iam put-user-policy): an IAM JSON policy document, Allow/Deny statements of "
        + "actions and resources, wildcards allowed; Condition is not supported."})
    public static final class PutUserPolicy extends DefinitionCommand {
        @Option(names = "--user-name", required = true, paramLabel = "NAME") String userName;
        @Option(names = "--policy-name", required = true, paramLabel = "NAME") String policyName;
        @Option(names = "--policy-document", required = true, paramLabel = "JSON|file://PATH",
            description = "The document, or file://PATH to read it from.") String policyDocument;

        @Override
        public Integer call() {
            final String document;
            try {
                document = FileArgument.read("--policy-document", policyDocument);
            } catch (final FileArgument.Unreadable e) {
                spec.commandLine().getErr().println("trailwatch put-user-policy: " + e.getMessage());
                return picocli.CommandLine.ExitCode.USAGE;
            }
            final JsonNode body = JSON.createObjectNode().put("PolicyDocument", document);
            return put(user(userName) + "/policies/" + ApiCall.segment(policyName), body, false);
        }
    }

    @Command(name = "attach-user-policy", mixinStandardHelpOptions = true, description = {"Attach a managed policy "
        + "to a user (as aws iam attach-user-policy): arn:aws:iam::aws:policy/AdministratorAccess, ReadOnlyAccess "
        + "or TrailwatchPublisher."})
    public static final class AttachUserPolicy extends DefinitionCommand {
        @Option(names = "--user-name", required = true, paramLabel = "NAME") String userName;
        @Option(names = "--policy-arn", required = true, paramLabel = "ARN") String policyArn;

        @Override
        public Integer call() {
            return post(user(userName) + "/attached-policies", JSON.createObjectNode().put("PolicyArn", policyArn),
                false);
        }
    }

    @Command(name = "detach-user-policy", mixinStandardHelpOptions = true,
        description = "Detach a managed policy from a user (as aws iam detach-user-policy).")
    public static final class DetachUserPolicy extends DefinitionCommand {
        @Option(names = "--user-name", required = true, paramLabel = "NAME") String userName;
        @Option(names = "--policy-arn", required = true, paramLabel = "ARN") String policyArn;

        @Override
        public Integer call() {
            return delete(user(userName) + "/attached-policies?PolicyArn=" + ApiCall.segment(policyArn));
        }
    }
}
