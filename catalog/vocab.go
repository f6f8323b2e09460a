package catalog

import (
	"fmt"
	"sync"
)

// Framework ids used in references.
const (
	FrameworkNIST     = "nist-ai-rmf"
	FrameworkOWASP    = "owasp-llm"
	FrameworkAIAct    = "eu-ai-act"
	FrameworkISO27001 = "iso27001"
)

// Frameworks lists the known framework ids in display order.
var Frameworks = []string{FrameworkNIST, FrameworkOWASP, FrameworkAIAct, FrameworkISO27001}

// FrameworkName is the display name of a framework id.
func FrameworkName(id string) string {
	switch id {
	case FrameworkNIST:
		return "NIST AI RMF 1.0"
	case FrameworkOWASP:
		return "OWASP Top 10 for LLM Applications"
	case FrameworkAIAct:
		return "EU AI Act"
	case FrameworkISO27001:
		return "ISO/IEC 27001:2022"
	}
	return id
}

// Term is one identifier of a framework vocabulary with its short title.
// Titles of NIST subcategories are our own short labels.
type Term struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Vocabulary returns the known identifiers of a framework, in their natural
// order, so every reference in a catalog can be checked and reports can show
// coverage. It returns nil for an unknown framework.
func Vocabulary(framework string) []Term {
	switch framework {
	case FrameworkNIST:
		return nistTerms
	case FrameworkOWASP:
		return owaspTerms
	case FrameworkAIAct:
		return aiActTerms
	case FrameworkISO27001:
		return iso27001Terms
	}
	return nil
}

// vocabIndex is built on first use: most runs never look a reference up.
var vocabIndex = sync.OnceValue(func() map[string]map[string]string {
	m := map[string]map[string]string{}
	for _, fw := range Frameworks {
		m[fw] = map[string]string{}
		for _, t := range Vocabulary(fw) {
			m[fw][t.ID] = t.Title
		}
	}
	return m
})

// KnownRef reports whether id is a known identifier of framework.
func KnownRef(framework, id string) bool {
	_, ok := vocabIndex()[framework][id]
	return ok
}

// RefTitle returns the short title of a known reference, or "".
func RefTitle(framework, id string) string { return vocabIndex()[framework][id] }

// NISTFunction returns GOVERN, MAP, MEASURE or MANAGE for a subcategory id.
func NISTFunction(id string) string {
	for _, f := range []string{"GOVERN", "MAP", "MEASURE", "MANAGE"} {
		if len(id) > len(f) && id[:len(f)+1] == f+" " {
			return f
		}
	}
	return ""
}

// NIST AI RMF 1.0 subcategories (NIST AI 100-1): 72 ids; titles are our words.
var nistTerms = []Term{
	{"GOVERN 1.1", "Legal and regulatory AI requirements understood and managed"},
	{"GOVERN 1.2", "Trustworthy-AI characteristics built into policies"},
	{"GOVERN 1.3", "Depth of risk management set by risk tolerance"},
	{"GOVERN 1.4", "Risk process and outcomes set through transparent policies and controls"},
	{"GOVERN 1.5", "Ongoing monitoring and periodic review of the risk process"},
	{"GOVERN 1.6", "Inventory of AI systems"},
	{"GOVERN 1.7", "Safe decommissioning and phase-out"},
	{"GOVERN 2.1", "Documented roles, responsibilities and communication lines"},
	{"GOVERN 2.2", "AI risk training for staff and partners"},
	{"GOVERN 2.3", "Executive ownership of AI risk decisions"},
	{"GOVERN 3.1", "Diverse teams inform risk decisions"},
	{"GOVERN 3.2", "Roles for human-AI configurations and oversight defined"},
	{"GOVERN 4.1", "Safety-first, critical-thinking practices"},
	{"GOVERN 4.2", "Teams document and communicate risks and impacts"},
	{"GOVERN 4.3", "Practices for testing, incident identification and information sharing"},
	{"GOVERN 5.1", "Collect and integrate external feedback on impacts"},
	{"GOVERN 5.2", "Feed adjudicated feedback into design"},
	{"GOVERN 6.1", "Policies for third-party risks, including IP infringement"},
	{"GOVERN 6.2", "Contingency for failures of high-risk third-party data or AI"},
	{"MAP 1.1", "Intended purpose, uses, applicable laws and settings documented"},
	{"MAP 1.2", "Interdisciplinary, diverse context team documented"},
	{"MAP 1.3", "Mission and AI goals documented"},
	{"MAP 1.4", "Business value or context of use defined"},
	{"MAP 1.5", "Risk tolerances documented"},
	{"MAP 1.6", "System requirements elicited; socio-technical design"},
	{"MAP 2.1", "Tasks and methods defined"},
	{"MAP 2.2", "Knowledge limits and human use of outputs documented"},
	{"MAP 2.3", "Scientific integrity and TEVV considerations documented"},
	{"MAP 3.1", "Benefits examined"},
	{"MAP 3.2", "Costs of errors (including non-monetary) examined"},
	{"MAP 3.3", "Targeted application scope documented"},
	{"MAP 3.4", "Operator and practitioner proficiency processes"},
	{"MAP 3.5", "Human oversight processes defined"},
	{"MAP 4.1", "Technology and legal (including IP) risk mapping of components"},
	{"MAP 4.2", "Internal risk controls for components identified"},
	{"MAP 5.1", "Likelihood and magnitude of impacts documented"},
	{"MAP 5.2", "Regular engagement and feedback on impacts"},
	{"MEASURE 1.1", "Metrics for the top risks chosen; unmeasured risks documented"},
	{"MEASURE 1.2", "Metrics and control effectiveness reassessed"},
	{"MEASURE 1.3", "Independent or non-developer assessors involved"},
	{"MEASURE 2.1", "TEVV test sets, metrics and tools documented"},
	{"MEASURE 2.2", "Human-subject evaluations meet requirements"},
	{"MEASURE 2.3", "Performance measured in deployment-like conditions"},
	{"MEASURE 2.4", "Production behaviour monitored"},
	{"MEASURE 2.5", "Validity and reliability demonstrated"},
	{"MEASURE 2.6", "Safety evaluated; system fails safely"},
	{"MEASURE 2.7", "Security and resilience evaluated"},
	{"MEASURE 2.8", "Transparency and accountability risks examined"},
	{"MEASURE 2.9", "Model explained and validated; outputs interpreted in context"},
	{"MEASURE 2.10", "Privacy risk examined"},
	{"MEASURE 2.11", "Fairness and bias evaluated"},
	{"MEASURE 2.12", "Environmental impact assessed"},
	{"MEASURE 2.13", "Effectiveness of TEVV itself evaluated"},
	{"MEASURE 3.1", "Existing and emergent risks tracked"},
	{"MEASURE 3.2", "Tracking where measurement is hard"},
	{"MEASURE 3.3", "Feedback and appeal channels for users and communities"},
	{"MEASURE 4.1", "Measurement tied to deployment context"},
	{"MEASURE 4.2", "Trustworthiness results validated with experts"},
	{"MEASURE 4.3", "Performance changes from field data documented"},
	{"MANAGE 1.1", "Go/no-go decision on purpose and deployment"},
	{"MANAGE 1.2", "Treatment prioritized by impact, likelihood and resources"},
	{"MANAGE 1.3", "Responses to high-priority risks (mitigate, transfer, avoid, accept)"},
	{"MANAGE 1.4", "Residual risks documented for acquirers and end users"},
	{"MANAGE 2.1", "Resources and non-AI alternatives considered"},
	{"MANAGE 2.2", "Value of deployed systems sustained"},
	{"MANAGE 2.3", "Response and recovery for newly found risks"},
	{"MANAGE 2.4", "Mechanisms to supersede, disengage or deactivate"},
	{"MANAGE 3.1", "Third-party resources monitored and controlled"},
	{"MANAGE 3.2", "Pre-trained models monitored"},
	{"MANAGE 4.1", "Post-deployment monitoring plans"},
	{"MANAGE 4.2", "Continual improvement built into updates"},
	{"MANAGE 4.3", "Incidents and errors communicated and tracked"},
}

// OWASP Top 10 for LLM Applications. The edition year is part of the id
// because the 2026 edition renumbered LLM03–LLM10.
var owaspTerms = []Term{
	{"LLM01:2025", "Prompt Injection"},
	{"LLM02:2025", "Sensitive Information Disclosure"},
	{"LLM03:2025", "Supply Chain"},
	{"LLM04:2025", "Data and Model Poisoning"},
	{"LLM05:2025", "Improper Output Handling"},
	{"LLM06:2025", "Excessive Agency"},
	{"LLM07:2025", "System Prompt Leakage"},
	{"LLM08:2025", "Vector and Embedding Weaknesses"},
	{"LLM09:2025", "Misinformation"},
	{"LLM10:2025", "Unbounded Consumption"},
	{"LLM01:2026", "Prompt Injection"},
	{"LLM02:2026", "Sensitive Information Disclosure"},
	{"LLM03:2026", "Excessive Agency"},
	{"LLM04:2026", "Supply Chain"},
	{"LLM05:2026", "Data and Model Poisoning"},
	{"LLM06:2026", "Unbounded Consumption"},
	{"LLM07:2026", "Misinformation"},
	{"LLM08:2026", "Hidden Context Exposure"},
	{"LLM09:2026", "Vector and Embedding Weaknesses"},
	{"LLM10:2026", "Improper Output Handling"},
}

// EU AI Act (Regulation (EU) 2024/1689) articles relevant to an AIMS.
var aiActTerms = []Term{
	{"Art. 4", "AI literacy"},
	{"Art. 5", "Prohibited AI practices"},
	{"Art. 6", "Classification rules for high-risk AI systems"},
	{"Art. 9", "Risk management system"},
	{"Art. 10", "Data and data governance"},
	{"Art. 11", "Technical documentation"},
	{"Art. 12", "Record-keeping"},
	{"Art. 13", "Transparency and provision of information to deployers"},
	{"Art. 14", "Human oversight"},
	{"Art. 15", "Accuracy, robustness and cybersecurity"},
	{"Art. 16", "Obligations of providers of high-risk AI systems"},
	{"Art. 17", "Quality management system"},
	{"Art. 18", "Documentation keeping"},
	{"Art. 19", "Automatically generated logs"},
	{"Art. 20", "Corrective actions and duty of information"},
	{"Art. 25", "Responsibilities along the AI value chain"},
	{"Art. 26", "Obligations of deployers of high-risk AI systems"},
	{"Art. 27", "Fundamental rights impact assessment for high-risk AI systems"},
	{"Art. 40", "Harmonised standards and standardisation deliverables"},
	{"Art. 43", "Conformity assessment"},
	{"Art. 50", "Transparency obligations for providers and deployers of certain AI systems"},
	{"Art. 72", "Post-market monitoring by providers and post-market monitoring plan for high-risk AI systems"},
	{"Art. 73", "Reporting of serious incidents"},
}

// ISO/IEC 27001:2022 clauses that share numbering with ISO/IEC 42001 through
// the harmonized structure, so their evidence can often be reused.
var iso27001Terms = []Term{
	{"4.1", "Understanding the organization and its context"},
	{"4.2", "Understanding the needs and expectations of interested parties"},
	{"4.3", "Determining the scope of the information security management system"},
	{"4.4", "Information security management system"},
	{"5.1", "Leadership and commitment"},
	{"5.2", "Policy"},
	{"5.3", "Organizational roles, responsibilities and authorities"},
	{"6.1.1", "General"},
	{"6.1.2", "Information security risk assessment"},
	{"6.1.3", "Information security risk treatment"},
	{"6.2", "Information security objectives and planning to achieve them"},
	{"6.3", "Planning of changes"},
	{"7.1", "Resources"},
	{"7.2", "Competence"},
	{"7.3", "Awareness"},
	{"7.4", "Communication"},
	{"7.5.1", "General"},
	{"7.5.2", "Creating and updating documented information"},
	{"7.5.3", "Control of documented information"},
	{"8.1", "Operational planning and control"},
	{"8.2", "Information security risk assessment"},
	{"8.3", "Information security risk treatment"},
	{"9.1", "Monitoring, measurement, analysis and evaluation"},
	{"9.2.1", "General"},
	{"9.2.2", "Internal audit programme"},
	{"9.3.1", "General"},
	{"9.3.2", "Management review inputs"},
	{"9.3.3", "Management review results"},
	{"10.1", "Continual improvement"},
	{"10.2", "Nonconformity and corrective action"},
}

func init() {
	// A miscounted vocabulary would silently reject or accept references.
	if len(nistTerms) != 72 || len(aiActTerms) != 23 || len(iso27001Terms) != 30 {
		panic(fmt.Sprintf("catalog vocabularies miscounted: %d %d %d", len(nistTerms), len(aiActTerms), len(iso27001Terms)))
	}
}
