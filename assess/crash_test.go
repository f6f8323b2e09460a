package assess

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// saverEnv makes the test binary act as a process that saves one more
// answer at a time and acknowledges each save on stdout, so the parent can
// kill it at any moment.
const saverEnv = "AIMSREADY_TEST_SAVER"

func TestMain(m *testing.M) {
	if path := os.Getenv(saverEnv); path != "" {
		runSaver(path)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runSaver(path string) {
	c := builtin(nil)
	a, _, err := LoadFile(path, c)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	for i, q := range c.Questions() {
		a.Answers[q.ID] = &Answer{Applicable: true, Assessed: true, Met: q.CriterionIDs()[:1], Notes: strings.Repeat("note ", i*20)}
		if err := Save(path, a, c); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("ack", q.ID) // only after Save returned
	}
}

// TestSaveSurvivesSIGKILL kills a saving process at random moments, many
// times: the answers file must always be a valid answers file holding every
// acknowledged answer, and the temp files a kill leaves are cleaned.
func TestSaveSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	c := builtin(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewSource(time.Now().UnixNano()))
	for round := 0; round < 25; round++ {
		dir := t.TempDir()
		path := filepath.Join(dir, "answers.yaml")
		if err := Save(path, New(c, "Kill test", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ProfileFull), c); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), saverEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		acked := make(chan []string, 1)
		go func() {
			var ids []string
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
					ids = append(ids, id)
				}
			}
			acked <- ids
		}()
		time.Sleep(time.Duration(rnd.Intn(60_000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		ids := <-acked

		a, _, err := LoadFile(path, c)
		if err != nil {
			t.Fatalf("round %d: after SIGKILL the answers file does not load: %v", round, err)
		}
		for _, id := range ids {
			if ans := a.Answers[id]; ans == nil || !ans.Assessed {
				t.Fatalf("round %d: answer %s was acknowledged before the kill but is missing", round, id)
			}
		}
		CleanTemp(path)
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Fatalf("round %d: files left after CleanTemp: %v", round, entries)
		}
		t.Logf("round %d: killed after %s acknowledged answers", round, strconv.Itoa(len(ids)))
	}
}
