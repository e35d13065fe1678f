package dev.hyper.runtime.slurm;

import dev.hyper.runtime.error.HyperException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many more jobs SLURM takes from this user now. SLURM counts each task of a job array as one job
 * toward every one of these limits (for MaxSubmitJobs, acct_policy.c adds an array's task count; for
 * MaxJobCount, slurm.conf says so), held and dependent jobs included, since they pend:
 * <ul>
 *   <li>{@code MaxJobCount} from {@code scontrol show config}: the jobs slurmctld holds at once, of every
 *       user, finished ones included until MinJobAge has passed ({@code squeue -r -t all});
 *   <li>where accounting runs (AccountingStorageType is not {@code accounting_storage/none}):
 *       {@code MaxSubmitJobs} of the user's association with the account ({@code sacctmgr show assoc}, which
 *       shows the value the association inherits from its account), less the user's jobs under that account
 *       in the queue ({@code squeue -r -u USER});
 *   <li>and {@code MaxSubmitJobsPerUser} of the job's QOS (the sweep's, else the association's default QOS,
 *       else its only QOS), less the user's jobs in that QOS.
 * </ul>
 * GrpSubmitJobs and MaxSubmitJobsPerAccount (shared with other users) are not read.
 */
public final class SubmitLimits {
  /**
   * One limit.
   *
   * @param name the SLURM name, e.g. {@code MaxSubmitJobs}
   * @param max its value
   * @param used the jobs that count toward it now
   * @param scope whose limit it is, e.g. {@code user root, account physics}
   */
  public record Limit(String name, long max, long used, String scope) {
    /** How many more jobs it allows. */
    public long free() {
      return Math.max(0, max - used);
    }

    /** {@code MaxSubmitJobs 10 (user root, account root; 7 jobs in the queue)}. */
    public String describe() {
      return name + " " + max + " (" + scope + "; " + used + " job" + (used == 1 ? "" : "s") + " in the queue)";
    }
  }

  private SubmitLimits() {}

  /**
   * The limits that apply.
   *
   * @param config {@code scontrol show config} ({@link SlurmClient#config})
   * @param user who submits
   * @param account the account jobs are submitted under ({@code SBATCH_ACCOUNT}), or null for the user's default
   * @param qos the jobs' QOS, or "" for the association's default
   * @throws HyperException if squeue or sacctmgr fails
   */
  public static List<Limit> read(SlurmClient slurm, Map<String, String> config, String user, String account,
      String qos) throws HyperException {
    List<Limit> limits = new ArrayList<>();
    Long maxJobCount = number(config.get("MaxJobCount"));
    if (maxJobCount != null) {
      limits.add(new Limit("MaxJobCount", maxJobCount, slurm.jobs(null, "%i").size(), "the cluster's, all users"));
    }
    String storage = config.getOrDefault("AccountingStorageType", "accounting_storage/none");
    if (storage.equals("accounting_storage/none")) {
      return limits;
    }
    if (account == null || account.isEmpty()) {
      List<String[]> users = slurm.sacctmgr("user", List.of("name=" + user), "defaultaccount");
      account = users.isEmpty() ? "" : users.get(0)[0].strip();
      if (account.isEmpty()) {
        return limits;
      }
    }
    List<String> where = new ArrayList<>(List.of("user=" + user, "account=" + account));
    String cluster = config.getOrDefault("ClusterName", "");
    if (!cluster.isEmpty()) {
      where.add("cluster=" + cluster);
    }
    Long maxSubmit = null;
    String defaultQos = "";
    List<String> qosList = new ArrayList<>();
    for (String[] row : slurm.sacctmgr("assoc", where, "maxsubmit,defaultqos,qos")) {
      Long m = number(row[0]);
      if (m != null && (maxSubmit == null || m < maxSubmit)) {
        maxSubmit = m;
      }
      if (row.length > 1 && defaultQos.isEmpty()) {
        defaultQos = row[1].strip();
      }
      if (row.length > 2 && qosList.isEmpty() && !row[2].isBlank()) {
        qosList = List.of(row[2].strip().split(","));
      }
    }
    String jobQos = !qos.isEmpty() ? qos : !defaultQos.isEmpty() ? defaultQos : qosList.size() == 1 ? qosList.get(0) : "";
    Long perUser = null;
    if (!jobQos.isEmpty()) {
      List<String[]> rows = slurm.sacctmgr("qos", List.of("name=" + jobQos), "maxsubmitpu");
      perUser = rows.isEmpty() ? null : number(rows.get(0)[0]);
    }
    if (maxSubmit == null && perUser == null) {
      return limits;
    }
    List<String> mine = slurm.jobs(user, "%a|%q");
    if (maxSubmit != null) {
      String a = account;
      limits.add(new Limit("MaxSubmitJobs", maxSubmit, mine.stream().filter(l -> field(l, 0).equalsIgnoreCase(a))
          .count(), "user " + user + ", account " + account));
    }
    if (perUser != null) {
      limits.add(new Limit("MaxSubmitJobsPerUser", perUser, mine.stream().filter(l -> field(l, 1).equals(jobQos))
          .count(), "user " + user + ", QOS " + jobQos));
    }
    return limits;
  }

  /** The limit that leaves the fewest jobs, or null if there is none. */
  public static Limit tightest(List<Limit> limits) {
    Limit tightest = null;
    for (Limit l : limits) {
      if (tightest == null || l.free() < tightest.free()) {
        tightest = l;
      }
    }
    return tightest;
  }

  private static String field(String line, int i) {
    String[] f = line.strip().split("\\|", -1);
    return i < f.length ? f[i] : "";
  }

  /** A limit's value, or null when unset (empty, or a negative number, sacctmgr's -1 for "none"). */
  private static Long number(String value) {
    if (value == null || !value.strip().matches("[0-9]{1,18}")) {
      return null;
    }
    return Long.parseLong(value.strip());
  }
}
