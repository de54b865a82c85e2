// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.source.BucketPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trailwatch bucket-policy}: the S3 bucket policy for multi-account CloudTrail delivery. */
@Command(
    name = "bucket-policy",
    mixinStandardHelpOptions = true,
    description = {
      "Print the S3 bucket policy for the trails of several accounts in one bucket.",
      "It lets CloudTrail deliver the trails of several accounts (or of an organization trail) into one bucket. "
          + "The output is what 'aws s3api put-bucket-policy' takes.",
      "",
      "Example: trailwatch bucket-policy --bucket foo \\",
      "           --accounts 111111111111,222222222222,333333333333 > policy.json",
      "         aws s3api put-bucket-policy --bucket foo --policy file://policy.json"
    })
final class BucketPolicyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--bucket", required = true, paramLabel = "NAME", description = "The bucket.")
  String bucket = "";

  @Option(names = "--prefix", paramLabel = "P", description = "Key prefix before AWSLogs/ (the trail's S3 key prefix).")
  @Nullable String prefix;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Who who = new Who();

  @Option(names = "--trails", split = ",", paramLabel = "ARN", description = "The ARNs of the trails that deliver here (arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME): the policy then admits exactly those trails (aws:SourceArn), AWS's preferred form.")
  List<String> trails = new ArrayList<>();

  static final class Who {
    @Option(names = "--accounts", split = ",", paramLabel = "ID", description = "The accounts whose trails deliver here.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--organization", paramLabel = "O-ID", description = "The organization whose organization trail delivers here.")
    @Nullable String organization;
  }

  @Override
  public Integer call() {
    String json;
    try {
      json = BucketPolicy.json(bucket, prefix, who.accounts, who.organization, trails);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    spec.commandLine().getOut().println(json);
    spec.commandLine().getOut().flush();
    return ExitStatus.OK.code();
  }
}
